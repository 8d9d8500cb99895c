// Simplified Chinese, loaded on demand when `lang` is 'zh', 'zh-CN', 'zh-Hans' or 'zh-SG' (not
// for Traditional Chinese: see the localizer). Polite 您; full-width punctuation, “ ” quotes and
// ……; a space between Chinese and Latin letters or digits, as mainland style guides advise.
import en from './en.js';
import type { StepUpStrings } from './strings.js';

const duration = (seconds: number) => {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s}\u00a0秒`;
  const rest = s % 60;
  return rest === 0 ? `${s / 60}\u00a0分钟` : `${Math.floor(s / 60)}\u00a0分 ${rest}\u00a0秒`;
};

const zhCN: StepUpStrings = {
  $lang: 'zh-CN',
  dialogTitle: '确认是您本人',
  dialogDescription: '为了您的账户安全，请先验证身份再继续。',
  close: '关闭',
  checking: '正在检查可用的验证方式……',
  loadingMethod: '正在准备此验证方式……',
  useAnotherMethod: '使用其他方式',
  noMethod: '您的账户目前没有可用的验证方式。',
  tryAgain: '重试',
  actionDescription: (action) => `如需继续“${action}”，请确认是您本人。`,
  detailsLabel: '您要批准的内容',
  approvalOnce: '您的授权仅对本次操作有效。',
  approvalFor: (minutes) => `您的授权在 ${minutes}\u00a0分钟内有效。`,
  approved: (approval) => `已确认。${approval}`,
  waitingForOtherTab: '请先在另一个标签页或窗口中完成确认，之后此处会自动继续。',

  methodLabels: {
    passkey: '通行密钥',
    totp: '身份验证器应用',
    'recovery-code': '恢复码',
    email: '邮件验证码',
    sms: '短信验证码',
    social: '社交账号登录',
    wallet: '钱包签名',
  },
  // brand names are the same in every language
  providerName: en.providerName,
  socialLabel: (name) => `使用 ${name} 登录`,

  verify: '验证',
  verifying: '正在验证……',
  verified: '验证成功。',
  duration,
  retryIn: (time) => `您可以在 ${time}后重试。`,
  attemptsLeft: (count) => `您还可以尝试 ${count}\u00a0次。`,
  lockedUntil: (time) => `已锁定，将于 ${time} 解除。`,
  unlocked: '现在可以重试了。',
  codeIncomplete: '请输入完整的验证码。',

  totpIntro: '请打开身份验证器应用，输入其中显示的 6\u00a0位验证码。',
  totpLabel: '身份验证器中的验证码',

  otpSending: (alias) => `正在向 ${alias} 发送验证码……`,
  otpSentTo: (alias) => `我们已向 ${alias} 发送验证码。`,
  otpNotSentYet: (alias) => `暂时无法向 ${alias} 发送新的验证码。请在倒计时结束后重新获取。`,
  otpLabelEmail: '邮件中的验证码',
  otpLabelSms: '短信中的验证码',
  otpResend: '重新发送验证码',
  otpResendIn: (time) => `${time}后可重新获取验证码。`,
  otpResent: '新的验证码已发出。',

  recoveryIntro: '请输入您在设置两步验证时保存的任一恢复码。每个恢复码只能使用一次。',
  recoveryLabel: '恢复码',

  passkeyIntro: '请使用保存在此设备或安全密钥中的通行密钥。',
  passkeyButton: '使用通行密钥',
  passkeyWaiting: '请按浏览器的提示操作……',
  passkeyUnsupported: '此浏览器不支持通行密钥。请选择其他验证方式，或改用支持通行密钥的浏览器。',
  passkeyRefused: '通行密钥窗口在完成前被关闭。准备好后请重试。',

  socialIntro: (name, alias) => (alias ? `请使用 ${name} 账号 ${alias} 重新登录。` : `请使用 ${name} 重新登录。`),
  socialWaiting: '请在打开的窗口中完成登录……',
  socialRedirect: '在此窗口中继续',

  walletIntro: '请使用与您账户关联的钱包签署一条消息。签名不会产生任何费用。',
  walletExpected: '已关联的钱包',
  walletUse: (name) => `使用 ${name} 签名`,
  walletWaiting: '请在钱包中确认请求……',
  walletNone: '未在此浏览器中找到钱包。请安装或解锁钱包，然后重试。',

  errors: {
    cancelled: '验证已取消。',
    invalid_code: '验证码不正确。请检查后重试。',
    code_expired: '验证码已过期。请重新获取。',
    code_already_used: '此验证码已被使用。请等待新的验证码后重试。',
    too_many_attempts: '输错验证码的次数过多。请重新获取验证码。',
    rate_limited: '尝试次数过多。请稍候再试。',
    webauthn_unsupported: '此浏览器不支持通行密钥。',
    no_passkey: '此设备上没有该账户的通行密钥。',
    popup_blocked: '登录窗口被拦截。请允许此网站显示弹出窗口，或在此窗口中继续。',
    wallet_missing: '未在此浏览器中找到钱包。',
    wallet_address_mismatch: '此钱包不是与您账户关联的钱包。请切换到已关联的钱包后重试。',
    wallet_signature_rejected: '签名请求已在钱包中被拒绝。',
    wallet_connection_rejected: '钱包连接请求已被拒绝。',
    network_error: '无法连接到服务器。请检查网络连接后重试。',
    server_error: '我们这边出了点问题。请稍后重试。',
    not_signed_in: '您已退出登录。请登录后重试。',
    invalid_token: '无法完成验证。请重试。',
    step_up_required: '请再次验证身份以继续。',
    invalid_request: '请求无效。',
    invalid_scope: '无法验证此操作。',
    credential_not_found: '您的账户无法使用此验证方式。',
    method_not_allowed: '您的账户目前无法使用这种验证方式。请改用提供的其他方式。',
    verification_not_found: '没有待验证的验证码。请重新获取验证码。',
    already_used: '此验证码已被使用。请重新获取。',
    forbidden: '您无权执行此操作。',
    external_jwt_invalid: '无法验证身份凭证。',
    external_jwt_expired: '身份凭证已过期。',
    external_jwt_replayed: '此身份凭证已被使用。',
    invalid_state: '登录响应与此请求不匹配。请重试。',
    invalid_grant: '无法确认登录。请重试。',
    challenge_expired: '此请求已过期。请重试。',
    invalid_credential: '无法验证通行密钥。请重试。',
    invalid_signature: '无法验证钱包签名。请重试。',
    request_failed: '操作未成功。请重试。',
    configuration_error: '此页面目前无法验证您的身份。请刷新页面后重试。',
  },
};

export default zhCN;
