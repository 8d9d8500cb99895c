// Korean, loaded on demand when `lang` is 'ko' (or 'ko-…'). Polite 합니다/하세요 style. Particles
// after a name or address the table cannot read aloud are avoided ('Google 계정으로') or
// written both ways ('(으)로'), as Korean sign-in screens do.
import en from './en.js';
import type { StepUpStrings } from './strings.js';

const duration = (seconds: number) => {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s}초`;
  const rest = s % 60;
  return rest === 0 ? `${s / 60}분` : `${Math.floor(s / 60)}분 ${rest}초`;
};

const ko: StepUpStrings = {
  $lang: 'ko',
  dialogTitle: '본인 확인',
  dialogDescription: '보안을 위해 계속하려면 본인 인증을 진행해 주세요.',
  close: '닫기',
  checking: '사용 가능한 인증 방법을 확인하는 중…',
  loadingMethod: '인증 방법을 준비하는 중…',
  useAnotherMethod: '다른 방법 사용',
  noMethod: '현재 계정에서 사용할 수 있는 인증 방법이 없습니다.',
  tryAgain: '다시 시도',
  actionDescription: (action) => `‘${action}’ 작업을 계속하려면 본인임을 확인해 주세요.`,
  detailsLabel: '승인할 내용',
  approvalOnce: '이번 승인은 이 작업에만 적용됩니다.',
  approvalFor: (minutes) => `이번 승인은 ${minutes}분 동안 유효합니다.`,
  approved: (approval) => `확인되었습니다. ${approval}`,
  waitingForOtherTab: '먼저 다른 탭이나 창에서 확인을 완료해 주세요. 완료되면 여기서 자동으로 계속됩니다.',

  methodLabels: {
    passkey: '패스키',
    totp: '인증 앱',
    'recovery-code': '복구 코드',
    email: '이메일 인증 코드',
    sms: '문자 메시지 인증 코드',
    social: '소셜 로그인',
    wallet: '지갑 서명',
  },
  // brand names are the same in every language
  providerName: en.providerName,
  socialLabel: (name) => `${name} 계정으로 로그인`,

  verify: '확인',
  verifying: '확인하는 중…',
  verified: '확인되었습니다.',
  duration,
  retryIn: (time) => `${time} 후에 다시 시도할 수 있습니다.`,
  attemptsLeft: (count) => `${count}번 더 시도할 수 있습니다.`,
  lockedUntil: (time) => `${time}까지 잠겨 있습니다.`,
  unlocked: '이제 다시 시도할 수 있습니다.',
  codeIncomplete: '코드를 모두 입력해 주세요.',

  totpIntro: '인증 앱을 열고 표시된 6자리 코드를 입력하세요.',
  totpLabel: '인증 코드',

  otpSending: (alias) => `${alias}(으)로 코드를 보내는 중…`,
  otpSentTo: (alias) => `${alias}(으)로 코드를 보냈습니다.`,
  otpNotSentYet: (alias) => `아직 ${alias}(으)로 새 코드를 보낼 수 없습니다. 대기 시간이 끝나면 새 코드를 요청하세요.`,
  otpLabelEmail: '이메일로 받은 코드',
  otpLabelSms: '문자 메시지로 받은 코드',
  otpResend: '새 코드 보내기',
  otpResendIn: (time) => `${time} 후에 새 코드를 요청할 수 있습니다.`,
  otpResent: '새 코드를 보냈습니다.',

  recoveryIntro: '2단계 인증을 설정할 때 저장한 복구 코드 중 하나를 입력하세요. 각 코드는 한 번만 사용할 수 있습니다.',
  recoveryLabel: '복구 코드',

  passkeyIntro: '이 기기나 보안 키에 저장된 패스키를 사용하세요.',
  passkeyButton: '패스키 사용',
  passkeyWaiting: '브라우저의 안내를 따라 주세요…',
  passkeyUnsupported: '이 브라우저에서는 패스키를 사용할 수 없습니다. 다른 방법을 선택하거나 패스키를 지원하는 브라우저를 사용하세요.',
  passkeyRefused: '패스키 요청 창이 완료되기 전에 닫혔습니다. 준비되면 다시 시도하세요.',

  socialIntro: (name, alias) =>
    alias ? `${name} 계정 ${alias}(으)로 다시 로그인하세요.` : `${name} 계정으로 다시 로그인하세요.`,
  socialWaiting: '열린 창에서 로그인을 완료하세요…',
  socialRedirect: '이 창에서 계속',

  walletIntro: '계정에 연결된 지갑으로 메시지에 서명하세요. 서명에는 비용이 들지 않습니다.',
  walletExpected: '연결된 지갑',
  walletUse: (name) => `${name}에서 서명`,
  walletWaiting: '지갑에서 요청을 승인하세요…',
  walletNone: '이 브라우저에서 지갑을 찾을 수 없습니다. 지갑을 설치하거나 잠금을 해제한 후 다시 시도하세요.',

  errors: {
    cancelled: '인증이 취소되었습니다.',
    invalid_code: '코드가 올바르지 않습니다. 확인 후 다시 시도하세요.',
    code_expired: '코드가 만료되었습니다. 새 코드를 요청하세요.',
    code_already_used: '이미 사용된 코드입니다. 새 코드를 받은 후 다시 시도하세요.',
    too_many_attempts: '잘못된 코드를 너무 많이 입력했습니다. 새 코드를 요청하세요.',
    rate_limited: '시도 횟수가 너무 많습니다. 잠시 후 다시 시도하세요.',
    webauthn_unsupported: '이 브라우저에서는 패스키를 사용할 수 없습니다.',
    no_passkey: '이 기기에 이 계정의 패스키가 없습니다.',
    popup_blocked: '로그인 창이 차단되었습니다. 이 사이트의 팝업을 허용하거나 이 창에서 계속하세요.',
    wallet_missing: '이 브라우저에서 지갑을 찾을 수 없습니다.',
    wallet_address_mismatch: '계정에 연결된 지갑이 아닙니다. 연결된 지갑으로 전환한 후 다시 시도하세요.',
    wallet_signature_rejected: '지갑에서 서명이 거부되었습니다.',
    wallet_connection_rejected: '지갑 연결이 거부되었습니다.',
    network_error: '서버에 연결할 수 없습니다. 네트워크 연결을 확인한 후 다시 시도하세요.',
    server_error: '일시적인 문제가 발생했습니다. 잠시 후 다시 시도하세요.',
    not_signed_in: '로그아웃되었습니다. 로그인한 후 다시 시도하세요.',
    invalid_token: '인증을 완료할 수 없습니다. 다시 시도하세요.',
    step_up_required: '계속하려면 본인 인증을 다시 진행하세요.',
    invalid_request: '잘못된 요청입니다.',
    invalid_scope: '이 작업은 인증할 수 없습니다.',
    credential_not_found: '이 계정에서는 이 인증 방법을 사용할 수 없습니다.',
    method_not_allowed: '지금은 이 계정에서 이 인증 방법을 사용할 수 없습니다. 제공된 방법 중 하나를 사용하세요.',
    verification_not_found: '대기 중인 코드가 없습니다. 새 코드를 요청하세요.',
    already_used: '이미 사용된 코드입니다. 새 코드를 요청하세요.',
    forbidden: '이 작업을 수행할 권한이 없습니다.',
    external_jwt_invalid: '신원 확인 정보를 검증할 수 없습니다.',
    external_jwt_expired: '신원 확인 정보가 만료되었습니다.',
    external_jwt_replayed: '이미 사용된 신원 확인 정보입니다.',
    invalid_state: '로그인 응답이 이 요청과 일치하지 않습니다. 다시 시도하세요.',
    invalid_grant: '로그인을 확인할 수 없습니다. 다시 시도하세요.',
    challenge_expired: '요청이 만료되었습니다. 다시 시도하세요.',
    invalid_credential: '패스키를 검증할 수 없습니다. 다시 시도하세요.',
    invalid_signature: '지갑 서명을 검증할 수 없습니다. 다시 시도하세요.',
    request_failed: '요청을 처리하지 못했습니다. 다시 시도하세요.',
    configuration_error: '지금은 이 페이지에서 본인 인증을 할 수 없습니다. 페이지를 새로고침한 후 다시 시도하세요.',
  },
};

export default ko;
