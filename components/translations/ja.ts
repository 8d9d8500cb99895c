// Japanese, loaded on demand when `lang` is 'ja' (or 'ja-…'). Polite です/ます style; 「」 quotes;
// no spaces between Japanese text and numbers or names.
import en from './en.js';
import type { StepUpStrings } from './strings.js';

const duration = (seconds: number) => {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s}秒`;
  const rest = s % 60;
  return rest === 0 ? `${s / 60}分` : `${Math.floor(s / 60)}分${rest}秒`;
};

const ja: StepUpStrings = {
  $lang: 'ja',
  dialogTitle: 'ご本人確認',
  dialogDescription: 'セキュリティ保護のため、続行するには本人確認を行ってください。',
  close: '閉じる',
  checking: '利用できる確認方法を調べています…',
  loadingMethod: 'この方法を準備しています…',
  useAnotherMethod: '別の方法を使用',
  noMethod: '現在、お使いのアカウントで利用できる確認方法はありません。',
  tryAgain: '再試行',
  actionDescription: (action) => `「${action}」を続行するには、本人確認を行ってください。`,
  detailsLabel: '承認する内容',
  approvalOnce: 'この承認は今回の操作にのみ有効です。',
  approvalFor: (minutes) => `この承認は${minutes}分間有効です。`,
  approved: (approval) => `確認しました。${approval}`,
  waitingForOtherTab: '先に別のタブまたはウィンドウで確認を完了してください。完了すると、こちらは自動的に続行されます。',

  methodLabels: {
    passkey: 'パスキー',
    totp: '認証アプリ',
    'recovery-code': 'リカバリーコード',
    email: 'メールで届くコード',
    sms: 'SMSで届くコード',
    social: 'ソーシャルログイン',
    wallet: 'ウォレットの署名',
  },
  // brand names are the same in every language
  providerName: en.providerName,
  socialLabel: (name) => `${name}でログイン`,

  verify: '確認',
  verifying: '確認しています…',
  verified: '確認しました。',
  duration,
  retryIn: (time) => `${time}後にもう一度お試しください。`,
  attemptsLeft: (count) => `あと${count}回お試しいただけます。`,
  lockedUntil: (time) => `${time}までロックされています。`,
  unlocked: 'もう一度お試しいただけます。',
  codeIncomplete: 'コードをすべて入力してください。',

  totpIntro: '認証アプリを開き、表示されている6桁のコードを入力してください。',
  totpLabel: '認証コード',

  otpSending: (alias) => `${alias}にコードを送信しています…`,
  otpSentTo: (alias) => `${alias}にコードを送信しました。`,
  otpNotSentYet: (alias) => `${alias}にはまだ新しいコードを送信できません。待ち時間が終わってからリクエストしてください。`,
  otpLabelEmail: 'メールに記載されたコード',
  otpLabelSms: 'SMSに記載されたコード',
  otpResend: 'コードを再送信',
  otpResendIn: (time) => `${time}後に新しいコードをリクエストできます。`,
  otpResent: '新しいコードを送信しました。',

  recoveryIntro: '2段階認証の設定時に保存したリカバリーコードのいずれかを入力してください。各コードは1回のみ使用できます。',
  recoveryLabel: 'リカバリーコード',

  passkeyIntro: 'このデバイスまたはセキュリティキーに保存されたパスキーを使用してください。',
  passkeyButton: 'パスキーを使用',
  passkeyWaiting: 'ブラウザの案内に従って操作してください…',
  passkeyUnsupported: 'このブラウザではパスキーを使用できません。別の方法を選ぶか、パスキーに対応したブラウザをご利用ください。',
  passkeyRefused: 'パスキーの確認画面が完了前に閉じられました。準備ができたら、もう一度お試しください。',

  socialIntro: (name, alias) => (alias ? `${name}に${alias}として再度ログインしてください。` : `${name}で再度ログインしてください。`),
  socialWaiting: '開いたウィンドウでログインを完了してください…',
  socialRedirect: 'このウィンドウで続行',

  walletIntro: 'アカウントに連携されたウォレットでメッセージに署名してください。署名に費用はかかりません。',
  walletExpected: '連携済みのウォレット',
  walletUse: (name) => `${name}で署名`,
  walletWaiting: 'ウォレットでリクエストを承認してください…',
  walletNone: 'このブラウザでウォレットが見つかりませんでした。ウォレットをインストールするかロックを解除してから、もう一度お試しください。',

  errors: {
    cancelled: '確認はキャンセルされました。',
    invalid_code: 'コードが正しくありません。確認して、もう一度お試しください。',
    code_expired: 'コードの有効期限が切れています。新しいコードをリクエストしてください。',
    code_already_used: 'このコードはすでに使用されています。新しいコードが届くのをお待ちください。',
    too_many_attempts: '誤ったコードの入力が多すぎます。新しいコードをリクエストしてください。',
    rate_limited: '試行回数が多すぎます。しばらく待ってから、もう一度お試しください。',
    webauthn_unsupported: 'このブラウザではパスキーを使用できません。',
    no_passkey: 'このデバイスには、このアカウントのパスキーがありません。',
    popup_blocked: 'ログイン用のウィンドウがブロックされました。このサイトのポップアップを許可するか、このウィンドウで続行してください。',
    wallet_missing: 'このブラウザでウォレットが見つかりませんでした。',
    wallet_address_mismatch: 'このウォレットはアカウントに連携されたものではありません。連携済みのウォレットに切り替えて、もう一度お試しください。',
    wallet_signature_rejected: 'ウォレットで署名が拒否されました。',
    wallet_connection_rejected: 'ウォレットへの接続が拒否されました。',
    network_error: 'サーバーに接続できませんでした。接続を確認して、もう一度お試しください。',
    server_error: 'こちらで問題が発生しました。しばらくしてから、もう一度お試しください。',
    not_signed_in: 'ログアウトしています。ログインしてから、もう一度お試しください。',
    invalid_token: '確認を完了できませんでした。もう一度お試しください。',
    step_up_required: '続行するには、もう一度本人確認を行ってください。',
    invalid_request: 'リクエストが無効です。',
    invalid_scope: 'この操作は確認できません。',
    credential_not_found: 'この確認方法はお使いのアカウントでは利用できません。',
    method_not_allowed: 'この本人確認の方法は、現在お使いのアカウントでは利用できません。表示されている方法のいずれかをご利用ください。',
    verification_not_found: '有効なコードがありません。新しいコードをリクエストしてください。',
    already_used: 'このコードはすでに使用されています。新しいコードをリクエストしてください。',
    forbidden: 'この操作を行う権限がありません。',
    external_jwt_invalid: '本人確認情報を検証できませんでした。',
    external_jwt_expired: '本人確認情報の有効期限が切れています。',
    external_jwt_replayed: 'この本人確認情報はすでに使用されています。',
    invalid_state: 'ログインの応答がこのリクエストと一致しません。もう一度お試しください。',
    invalid_grant: 'ログインを確認できませんでした。もう一度お試しください。',
    challenge_expired: 'このリクエストの有効期限が切れました。もう一度お試しください。',
    invalid_credential: 'パスキーを検証できませんでした。もう一度お試しください。',
    invalid_signature: 'ウォレットの署名を検証できませんでした。もう一度お試しください。',
    request_failed: 'うまくいきませんでした。もう一度お試しください。',
    configuration_error: '現在、このページでは本人確認を行えません。ページを再読み込みして、もう一度お試しください。',
  },
};

export default ja;
