// French, loaded on demand when `lang` is 'fr' (or 'fr-…'). Formal address (vous); « » quotes and
// the narrow no-break space before ; : ! ? and inside the quotes, as French typography wants.
import en from './en.js';
import type { StepUpStrings } from './strings.js';

/** Narrow no-break space: keeps « » and ; to the word they belong to. */
const NNBSP = '\u202f';

const duration = (seconds: number) => {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s}\u00a0s`;
  const rest = s % 60;
  return rest === 0 ? `${s / 60}\u00a0min` : `${Math.floor(s / 60)}\u00a0min\u00a0${String(rest).padStart(2, '0')}\u00a0s`;
};

const fr: StepUpStrings = {
  $lang: 'fr',
  dialogTitle: 'Confirmez qu’il s’agit bien de vous',
  dialogDescription: 'Pour votre sécurité, veuillez confirmer votre identité avant de continuer.',
  close: 'Fermer',
  checking: 'Recherche des méthodes de vérification disponibles…',
  loadingMethod: 'Préparation de cette méthode…',
  useAnotherMethod: 'Utiliser une autre méthode',
  noMethod: 'Aucune méthode de vérification n’est disponible pour votre compte pour le moment.',
  tryAgain: 'Réessayer',
  actionDescription: (action) => `Pour poursuivre l’action «${NNBSP}${action}${NNBSP}», confirmez qu’il s’agit bien de vous.`,
  detailsLabel: 'Ce que vous approuvez',
  approvalOnce: 'Votre approbation ne vaut que pour cette action.',
  // French singular covers 0 and 1
  approvalFor: (minutes) => `Votre approbation est valable pendant ${minutes}\u00a0${minutes < 2 ? 'minute' : 'minutes'}.`,
  approved: (approval) => `Identité confirmée. ${approval}`,
  waitingForOtherTab: 'Terminez d’abord la confirmation dans votre autre onglet ou fenêtre. La suite se fera ici automatiquement.',

  methodLabels: {
    passkey: 'Clé d’accès',
    totp: 'Application d’authentification',
    'recovery-code': 'Code de récupération',
    email: 'Code par e-mail',
    sms: 'Code par SMS',
    social: 'Connexion via un réseau social',
    wallet: 'Signature avec un portefeuille',
  },
  // brand names are the same in every language
  providerName: en.providerName,
  socialLabel: (name) => `Se connecter avec ${name}`,

  verify: 'Vérifier',
  verifying: 'Vérification…',
  verified: 'Vérification réussie.',
  duration,
  retryIn: (time) => `Vous pourrez réessayer dans ${time}.`,
  attemptsLeft: (count) => `Il vous reste ${count}\u00a0${count < 2 ? 'tentative' : 'tentatives'}.`,
  lockedUntil: (time) => `Bloqué jusqu’à ${time}.`,
  unlocked: 'Vous pouvez réessayer maintenant.',
  codeIncomplete: 'Saisissez le code complet.',

  totpIntro: 'Ouvrez votre application d’authentification et saisissez le code à 6\u00a0chiffres qu’elle affiche.',
  totpLabel: 'Code d’authentification',

  otpSending: (alias) => `Envoi d’un code à ${alias}…`,
  otpSentTo: (alias) => `Nous avons envoyé un code à ${alias}.`,
  otpNotSentYet: (alias) => `Impossible d’envoyer un nouveau code à ${alias} pour l’instant. Demandez-en un à la fin du décompte.`,
  otpLabelEmail: 'Code reçu par e-mail',
  otpLabelSms: 'Code reçu par SMS',
  otpResend: 'Envoyer un nouveau code',
  otpResendIn: (time) => `Vous pourrez demander un nouveau code dans ${time}.`,
  otpResent: 'Un nouveau code est en route.',

  recoveryIntro:
    'Saisissez l’un des codes de récupération enregistrés lors de la configuration de la validation en deux étapes. Chaque code ne fonctionne qu’une fois.',
  recoveryLabel: 'Code de récupération',

  passkeyIntro: 'Utilisez la clé d’accès enregistrée sur cet appareil ou sur votre clé de sécurité.',
  passkeyButton: 'Utiliser une clé d’accès',
  passkeyWaiting: 'Suivez les instructions de votre navigateur…',
  passkeyUnsupported:
    'Ce navigateur ne prend pas en charge les clés d’accès. Choisissez une autre méthode ou utilisez un navigateur compatible.',
  passkeyRefused: 'La demande de clé d’accès a été fermée avant la fin. Réessayez quand vous le souhaitez.',

  socialIntro: (name, alias) => (alias ? `Reconnectez-vous avec ${name} en tant que ${alias}.` : `Reconnectez-vous avec ${name}.`),
  socialWaiting: 'Terminez la connexion dans la fenêtre qui s’est ouverte…',
  socialRedirect: 'Continuer dans cette fenêtre',

  walletIntro: 'Signez un message avec le portefeuille associé à votre compte. La signature est gratuite.',
  walletExpected: 'Portefeuille associé',
  walletUse: (name) => `Signer avec ${name}`,
  walletWaiting: 'Confirmez la demande dans votre portefeuille…',
  walletNone: 'Aucun portefeuille n’a été trouvé dans ce navigateur. Installez ou déverrouillez votre portefeuille, puis réessayez.',

  errors: {
    cancelled: 'La vérification a été annulée.',
    invalid_code: 'Ce code est incorrect. Vérifiez-le et réessayez.',
    code_expired: 'Ce code a expiré. Demandez-en un nouveau.',
    code_already_used: 'Ce code a déjà été utilisé. Attendez le prochain code et réessayez.',
    too_many_attempts: 'Trop de codes incorrects. Demandez un nouveau code.',
    rate_limited: 'Trop de tentatives. Patientez un instant, puis réessayez.',
    webauthn_unsupported: 'Ce navigateur ne prend pas en charge les clés d’accès.',
    no_passkey: 'Aucune clé d’accès de ce compte n’est disponible sur cet appareil.',
    popup_blocked: 'La fenêtre de connexion a été bloquée. Autorisez les fenêtres pop-up pour ce site ou continuez dans cette fenêtre.',
    wallet_missing: 'Aucun portefeuille n’a été trouvé dans ce navigateur.',
    wallet_address_mismatch: 'Ce portefeuille n’est pas celui associé à votre compte. Passez au portefeuille associé et réessayez.',
    wallet_signature_rejected: 'La signature a été refusée dans le portefeuille.',
    wallet_connection_rejected: 'La connexion au portefeuille a été refusée.',
    network_error: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
    server_error: 'Un problème est survenu de notre côté. Réessayez dans un instant.',
    not_signed_in: 'Votre session a pris fin. Connectez-vous et réessayez.',
    invalid_token: 'La vérification n’a pas pu aboutir. Réessayez.',
    step_up_required: 'Veuillez confirmer à nouveau votre identité pour continuer.',
    invalid_request: 'La demande n’est pas valide.',
    invalid_scope: 'Cette action ne peut pas être vérifiée.',
    credential_not_found: 'Cette méthode de vérification n’est pas disponible pour votre compte.',
    method_not_allowed:
      'Ce moyen de confirmer votre identité n’est pas disponible pour votre compte actuellement. Utilisez l’un des moyens proposés.',
    verification_not_found: 'Aucun code n’est en attente. Demandez un nouveau code.',
    already_used: 'Ce code a déjà été utilisé. Demandez-en un nouveau.',
    forbidden: 'Cette action ne vous est pas autorisée.',
    external_jwt_invalid: 'La confirmation d’identité n’a pas pu être vérifiée.',
    external_jwt_expired: 'La confirmation d’identité a expiré.',
    external_jwt_replayed: 'La confirmation d’identité a déjà été utilisée.',
    invalid_state: 'La réponse de connexion ne correspond pas à cette demande. Réessayez.',
    invalid_grant: 'La connexion n’a pas pu être confirmée. Réessayez.',
    challenge_expired: 'Cette demande a expiré. Réessayez.',
    invalid_credential: 'La clé d’accès n’a pas pu être vérifiée. Réessayez.',
    invalid_signature: 'La signature du portefeuille n’a pas pu être vérifiée. Réessayez.',
    request_failed: 'Cela n’a pas fonctionné. Réessayez.',
    configuration_error: 'Cette page ne peut pas vérifier votre identité pour le moment. Rechargez-la et réessayez.',
  },
};

export default fr;
