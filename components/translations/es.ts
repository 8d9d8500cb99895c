// Spanish, loaded on demand when `lang` is 'es' (or 'es-…'). Formal address (usted), neutral
// wording for Spain and Latin America; « » quotes, as the RAE recommends.
import en from './en.js';
import type { StepUpStrings } from './strings.js';

const duration = (seconds: number) => {
  const s = Math.max(0, Math.ceil(seconds));
  return s < 60 ? `${s}\u00a0s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}\u00a0min`;
};

const es: StepUpStrings = {
  $lang: 'es',
  dialogTitle: 'Confirme que es usted',
  dialogDescription: 'Por su seguridad, verifique su identidad para continuar.',
  close: 'Cerrar',
  checking: 'Comprobando cómo puede verificar su identidad…',
  loadingMethod: 'Preparando este método…',
  useAnotherMethod: 'Usar otro método',
  noMethod: 'Ahora mismo no hay ningún método de verificación disponible para su cuenta.',
  tryAgain: 'Volver a intentarlo',
  actionDescription: (action) => `Para continuar con «${action}», confirme que es usted.`,
  detailsLabel: 'Lo que está aprobando',
  approvalOnce: 'Su aprobación solo es válida para esta acción.',
  approvalFor: (minutes) => `Su aprobación es válida durante ${minutes}\u00a0${minutes === 1 ? 'minuto' : 'minutos'}.`,
  approved: (approval) => `Confirmado. ${approval}`,
  waitingForOtherTab: 'Termine primero la confirmación en su otra pestaña o ventana. Después, esto continuará automáticamente.',

  methodLabels: {
    passkey: 'Llave de acceso',
    totp: 'App de autenticación',
    'recovery-code': 'Código de recuperación',
    email: 'Código por correo electrónico',
    sms: 'Código por SMS',
    social: 'Inicio de sesión social',
    wallet: 'Firma con billetera',
  },
  // brand names are the same in every language
  providerName: en.providerName,
  socialLabel: (name) => `Iniciar sesión con ${name}`,

  verify: 'Verificar',
  verifying: 'Verificando…',
  verified: 'Verificado.',
  duration,
  retryIn: (time) => `Podrá volver a intentarlo en ${time}.`,
  attemptsLeft: (count) => (count === 1 ? 'Le queda 1 intento.' : `Le quedan ${count} intentos.`),
  // 'la 1:35', 'las 14:35'
  lockedUntil: (time) => `Bloqueado hasta ${/^0?1\D/.test(time) ? 'la' : 'las'} ${time}.`,
  unlocked: 'Ya puede volver a intentarlo.',
  codeIncomplete: 'Escriba el código completo.',

  totpIntro: 'Abra su app de autenticación y escriba el código de 6\u00a0dígitos que aparece.',
  totpLabel: 'Código de autenticación',

  otpSending: (alias) => `Enviando un código a ${alias}…`,
  otpSentTo: (alias) => `Hemos enviado un código a ${alias}.`,
  otpNotSentYet: (alias) => `Todavía no se puede enviar un código nuevo a ${alias}. Pida uno cuando termine el tiempo de espera.`,
  otpLabelEmail: 'Código del correo electrónico',
  otpLabelSms: 'Código del SMS',
  otpResend: 'Enviar un código nuevo',
  otpResendIn: (time) => `Podrá pedir un código nuevo en ${time}.`,
  otpResent: 'Un código nuevo está en camino.',

  recoveryIntro:
    'Escriba uno de los códigos de recuperación que guardó al configurar la verificación en dos pasos. Cada código se puede usar una sola vez.',
  recoveryLabel: 'Código de recuperación',

  passkeyIntro: 'Use la llave de acceso guardada en este dispositivo o en su llave de seguridad.',
  passkeyButton: 'Usar llave de acceso',
  passkeyWaiting: 'Siga las indicaciones de su navegador…',
  passkeyUnsupported: 'Este navegador no admite llaves de acceso. Elija otro método o use un navegador compatible.',
  passkeyRefused: 'La solicitud de la llave de acceso se cerró antes de terminar. Vuelva a intentarlo cuando quiera.',

  socialIntro: (name, alias) =>
    alias ? `Vuelva a iniciar sesión con ${name} como ${alias}.` : `Vuelva a iniciar sesión con ${name}.`,
  socialWaiting: 'Termine de iniciar sesión en la ventana que se abrió…',
  socialRedirect: 'Continuar en esta ventana',

  walletIntro: 'Firme un mensaje con la billetera vinculada a su cuenta. Firmar no tiene ningún costo.',
  walletExpected: 'Billetera vinculada',
  walletUse: (name) => `Firmar con ${name}`,
  walletWaiting: 'Confirme la solicitud en su billetera…',
  walletNone: 'No se encontró ninguna billetera en este navegador. Instale o desbloquee su billetera y vuelva a intentarlo.',

  errors: {
    cancelled: 'Se canceló la verificación.',
    invalid_code: 'El código no es correcto. Revíselo y vuelva a intentarlo.',
    code_expired: 'El código ha caducado. Pida uno nuevo.',
    code_already_used: 'Este código ya se usó. Espere a recibir uno nuevo y vuelva a intentarlo.',
    too_many_attempts: 'Demasiados códigos incorrectos. Pida un código nuevo.',
    rate_limited: 'Demasiados intentos. Espere un momento y vuelva a intentarlo.',
    webauthn_unsupported: 'Este navegador no admite llaves de acceso.',
    no_passkey: 'No hay ninguna llave de acceso de esta cuenta en este dispositivo.',
    popup_blocked: 'Se bloqueó la ventana de inicio de sesión. Permita las ventanas emergentes para este sitio o continúe en esta ventana.',
    wallet_missing: 'No se encontró ninguna billetera en este navegador.',
    wallet_address_mismatch: 'Esa billetera no es la vinculada a su cuenta. Cambie a la billetera vinculada y vuelva a intentarlo.',
    wallet_signature_rejected: 'Se rechazó la firma en la billetera.',
    wallet_connection_rejected: 'Se rechazó la conexión con la billetera.',
    network_error: 'No se pudo conectar con el servidor. Compruebe su conexión y vuelva a intentarlo.',
    server_error: 'Algo salió mal por nuestra parte. Vuelva a intentarlo en un momento.',
    not_signed_in: 'Su sesión se cerró. Inicie sesión y vuelva a intentarlo.',
    invalid_token: 'No se pudo completar la verificación. Vuelva a intentarlo.',
    step_up_required: 'Verifique de nuevo su identidad para continuar.',
    invalid_request: 'La solicitud no es válida.',
    invalid_scope: 'Esta acción no se puede verificar.',
    credential_not_found: 'Este método de verificación no está disponible para su cuenta.',
    method_not_allowed: 'Esta forma de confirmar su identidad no está disponible ahora para su cuenta. Use una de las opciones ofrecidas.',
    verification_not_found: 'No hay ningún código pendiente. Pida un código nuevo.',
    already_used: 'Este código ya se usó. Pida uno nuevo.',
    forbidden: 'No tiene permiso para hacer esto.',
    external_jwt_invalid: 'No se pudo verificar la confirmación de identidad.',
    external_jwt_expired: 'La confirmación de identidad ha caducado.',
    external_jwt_replayed: 'La confirmación de identidad ya se usó.',
    invalid_state: 'La respuesta del inicio de sesión no corresponde a esta solicitud. Vuelva a intentarlo.',
    invalid_grant: 'No se pudo confirmar el inicio de sesión. Vuelva a intentarlo.',
    challenge_expired: 'Esta solicitud ha caducado. Vuelva a intentarlo.',
    invalid_credential: 'No se pudo verificar la llave de acceso. Vuelva a intentarlo.',
    invalid_signature: 'No se pudo verificar la firma de la billetera. Vuelva a intentarlo.',
    request_failed: 'No ha funcionado. Vuelva a intentarlo.',
    configuration_error: 'Esta página no puede verificar su identidad ahora mismo. Vuelva a cargarla e inténtelo de nuevo.',
  },
};

export default es;
