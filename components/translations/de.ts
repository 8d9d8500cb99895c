// German, loaded on demand when `lang` is 'de' (or 'de-…').
import en from './en.js';
import type { StepUpStrings } from './strings.js';

const duration = (seconds: number) => {
  const s = Math.max(0, Math.ceil(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} min`;
};

const de: StepUpStrings = {
  $lang: 'de',
  dialogTitle: 'Bestätigen Sie, dass Sie es sind',
  dialogDescription: 'Zu Ihrer Sicherheit bestätigen Sie bitte Ihre Identität, um fortzufahren.',
  close: 'Schließen',
  checking: 'Verfügbare Bestätigungsmethoden werden geprüft…',
  loadingMethod: 'Diese Methode wird vorbereitet…',
  useAnotherMethod: 'Andere Methode verwenden',
  noMethod: 'Für Ihr Konto ist derzeit keine Bestätigungsmethode verfügbar.',
  tryAgain: 'Erneut versuchen',
  actionDescription: (action) => `Um mit „${action}“ fortzufahren, bestätigen Sie bitte, dass Sie es sind.`,
  detailsLabel: 'Was Sie bestätigen',
  approvalOnce: 'Ihre Bestätigung gilt nur für diese eine Aktion.',
  approvalFor: (minutes) => `Ihre Bestätigung gilt ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'} lang.`,
  approved: (approval) => `Bestätigt. ${approval}`,
  waitingForOtherTab: 'Schließen Sie zuerst die Bestätigung in Ihrem anderen Tab oder Fenster ab. Danach geht es hier von selbst weiter.',

  methodLabels: {
    passkey: 'Passkey',
    totp: 'Authentifizierungs-App',
    'recovery-code': 'Wiederherstellungscode',
    email: 'Code per E-Mail',
    sms: 'Code per SMS',
    social: 'Anmeldung über Konto',
    wallet: 'Wallet-Signatur',
  },
  // brand names as English writes them (it used to say 'Linkedin', and 'Twitter' for X)
  providerName: en.providerName,
  socialLabel: (name) => `Mit ${name} anmelden`,

  verify: 'Bestätigen',
  verifying: 'Wird geprüft…',
  verified: 'Bestätigt.',
  duration,
  retryIn: (time) => `Sie können es in ${time} erneut versuchen.`,
  attemptsLeft: (count) => (count === 1 ? 'Noch 1 Versuch.' : `Noch ${count} Versuche.`),
  lockedUntil: (time) => `Gesperrt bis ${time} Uhr.`,
  unlocked: 'Sie können es jetzt erneut versuchen.',
  codeIncomplete: 'Geben Sie den vollständigen Code ein.',

  totpIntro: 'Öffnen Sie Ihre Authentifizierungs-App und geben Sie den angezeigten 6‑stelligen Code ein.',
  totpLabel: 'Code aus der App',

  otpSending: (alias) => `Code wird an ${alias} gesendet…`,
  otpSentTo: (alias) => `Wir haben einen Code an ${alias} gesendet.`,
  otpNotSentYet: (alias) => `An ${alias} kann noch kein neuer Code gesendet werden. Fordern Sie einen an, wenn die Zeit abgelaufen ist.`,
  otpLabelEmail: 'Code aus der E-Mail',
  otpLabelSms: 'Code aus der SMS',
  otpResend: 'Neuen Code senden',
  otpResendIn: (time) => `Einen neuen Code können Sie in ${time} anfordern.`,
  otpResent: 'Ein neuer Code ist unterwegs.',

  recoveryIntro:
    'Geben Sie einen der Wiederherstellungscodes ein, die Sie bei der Einrichtung der Zwei-Faktor-Bestätigung gespeichert haben. Jeder Code funktioniert einmal.',
  recoveryLabel: 'Wiederherstellungscode',

  passkeyIntro: 'Verwenden Sie den Passkey auf diesem Gerät oder Ihrem Sicherheitsschlüssel.',
  passkeyButton: 'Passkey verwenden',
  passkeyWaiting: 'Folgen Sie der Aufforderung Ihres Browsers…',
  passkeyUnsupported:
    'Dieser Browser kann keine Passkeys verwenden. Wählen Sie eine andere Methode oder einen Browser, der Passkeys unterstützt.',
  passkeyRefused: 'Die Passkey-Abfrage wurde geschlossen, bevor sie abgeschlossen war. Versuchen Sie es erneut, wenn Sie bereit sind.',

  socialIntro: (name, alias) => (alias ? `Melden Sie sich erneut mit ${name} als ${alias} an.` : `Melden Sie sich erneut mit ${name} an.`),
  socialWaiting: 'Schließen Sie die Anmeldung im geöffneten Fenster ab…',
  socialRedirect: 'In diesem Fenster fortfahren',

  walletIntro: 'Signieren Sie eine Nachricht mit der Wallet, die mit Ihrem Konto verknüpft ist. Das Signieren kostet nichts.',
  walletExpected: 'Verknüpfte Wallet',
  walletUse: (name) => `Mit ${name} signieren`,
  walletWaiting: 'Bestätigen Sie die Anfrage in Ihrer Wallet…',
  walletNone: 'In diesem Browser wurde keine Wallet gefunden. Installieren oder entsperren Sie Ihre Wallet und versuchen Sie es erneut.',

  errors: {
    configuration_error: 'Diese Seite kann Sie gerade nicht bestätigen. Laden Sie sie neu und versuchen Sie es noch einmal.',
    cancelled: 'Die Bestätigung wurde abgebrochen.',
    invalid_code: 'Dieser Code ist nicht korrekt. Prüfen Sie ihn und versuchen Sie es erneut.',
    code_expired: 'Dieser Code ist abgelaufen. Fordern Sie einen neuen an.',
    code_already_used: 'Dieser Code wurde bereits verwendet. Warten Sie auf einen neuen Code.',
    too_many_attempts: 'Zu viele falsche Codes. Fordern Sie einen neuen Code an.',
    rate_limited: 'Zu viele Versuche. Warten Sie einen Moment und versuchen Sie es erneut.',
    webauthn_unsupported: 'Dieser Browser kann keine Passkeys verwenden.',
    no_passkey: 'Auf diesem Gerät ist kein Passkey für dieses Konto verfügbar.',
    popup_blocked: 'Das Anmeldefenster wurde blockiert. Erlauben Sie Pop-ups für diese Website oder fahren Sie in diesem Fenster fort.',
    wallet_missing: 'In diesem Browser wurde keine Wallet gefunden.',
    wallet_address_mismatch: 'Diese Wallet ist nicht mit Ihrem Konto verknüpft. Wechseln Sie zur verknüpften Wallet und versuchen Sie es erneut.',
    wallet_signature_rejected: 'Die Signatur wurde in der Wallet abgelehnt.',
    wallet_connection_rejected: 'Die Verbindung zur Wallet wurde abgelehnt.',
    network_error: 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    server_error: 'Bei uns ist etwas schiefgelaufen. Versuchen Sie es gleich noch einmal.',
    not_signed_in: 'Sie sind abgemeldet. Melden Sie sich an und versuchen Sie es erneut.',
    invalid_token: 'Die Bestätigung konnte nicht abgeschlossen werden. Versuchen Sie es erneut.',
    step_up_required: 'Bitte bestätigen Sie Ihre Identität erneut, um fortzufahren.',
    invalid_request: 'Die Anfrage war ungültig.',
    invalid_scope: 'Diese Aktion kann nicht bestätigt werden.',
    credential_not_found: 'Diese Bestätigungsmethode ist für Ihr Konto nicht verfügbar.',
    method_not_allowed: 'Diese Art der Bestätigung ist für Ihr Konto derzeit nicht möglich. Wählen Sie eine der angebotenen.',
    verification_not_found: 'Es wartet kein Code. Fordern Sie einen neuen Code an.',
    already_used: 'Dieser Code wurde bereits verwendet. Fordern Sie einen neuen an.',
    forbidden: 'Dazu sind Sie nicht berechtigt.',
    external_jwt_invalid: 'Die Identitätsbestätigung konnte nicht geprüft werden.',
    external_jwt_expired: 'Die Identitätsbestätigung ist abgelaufen.',
    external_jwt_replayed: 'Die Identitätsbestätigung wurde bereits verwendet.',
    invalid_state: 'Die Antwort der Anmeldung passt nicht zu dieser Anfrage. Versuchen Sie es erneut.',
    invalid_grant: 'Die Anmeldung konnte nicht bestätigt werden. Versuchen Sie es erneut.',
    challenge_expired: 'Diese Anfrage ist abgelaufen. Versuchen Sie es erneut.',
    invalid_credential: 'Der Passkey konnte nicht geprüft werden. Versuchen Sie es erneut.',
    invalid_signature: 'Die Wallet-Signatur konnte nicht geprüft werden. Versuchen Sie es erneut.',
    request_failed: 'Das hat nicht geklappt. Versuchen Sie es erneut.',
  },
};

export default de;
