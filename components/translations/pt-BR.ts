// Brazilian Portuguese, loaded on demand when `lang` is 'pt', 'pt-BR' or any other 'pt-…': the
// localizer serves 'pt-PT' this table too (a European reader follows it far better than English);
// an app with a European Portuguese table registers it as 'pt-PT' and that one wins there.
// Address with você, as Brazilian products do; “ ” quotes.
import en from './en.js';
import type { StepUpStrings } from './strings.js';

const duration = (seconds: number) => {
  const s = Math.max(0, Math.ceil(seconds));
  return s < 60 ? `${s}\u00a0s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}\u00a0min`;
};

const ptBR: StepUpStrings = {
  $lang: 'pt-BR',
  dialogTitle: 'Confirme que é você',
  dialogDescription: 'Para sua segurança, confirme sua identidade para continuar.',
  close: 'Fechar',
  checking: 'Verificando as formas de confirmação disponíveis…',
  loadingMethod: 'Preparando este método…',
  useAnotherMethod: 'Usar outro método',
  noMethod: 'No momento, nenhum método de verificação está disponível para sua conta.',
  tryAgain: 'Tentar novamente',
  actionDescription: (action) => `Para continuar com “${action}”, confirme que é você.`,
  detailsLabel: 'O que você está aprovando',
  approvalOnce: 'Sua aprovação vale somente para esta ação.',
  approvalFor: (minutes) => `Sua aprovação vale por ${minutes}\u00a0${minutes === 1 ? 'minuto' : 'minutos'}.`,
  approved: (approval) => `Confirmado. ${approval}`,
  waitingForOtherTab: 'Primeiro, conclua a confirmação na sua outra guia ou janela. Depois, tudo continua aqui automaticamente.',

  methodLabels: {
    passkey: 'Chave de acesso',
    totp: 'App autenticador',
    'recovery-code': 'Código de recuperação',
    email: 'Código por e-mail',
    sms: 'Código por SMS',
    social: 'Login social',
    wallet: 'Assinatura da carteira',
  },
  // brand names are the same in every language
  providerName: en.providerName,
  socialLabel: (name) => `Entrar com ${name}`,

  verify: 'Verificar',
  verifying: 'Verificando…',
  verified: 'Verificado.',
  duration,
  retryIn: (time) => `Você poderá tentar novamente em ${time}.`,
  attemptsLeft: (count) => (count === 1 ? 'Resta 1 tentativa.' : `Restam ${count} tentativas.`),
  lockedUntil: (time) => `Bloqueado até ${time}.`,
  unlocked: 'Você já pode tentar novamente.',
  codeIncomplete: 'Digite o código completo.',

  totpIntro: 'Abra seu app autenticador e digite o código de 6\u00a0dígitos exibido nele.',
  totpLabel: 'Código do autenticador',

  otpSending: (alias) => `Enviando um código para ${alias}…`,
  otpSentTo: (alias) => `Enviamos um código para ${alias}.`,
  otpNotSentYet: (alias) => `Ainda não é possível enviar um novo código para ${alias}. Peça um quando o tempo de espera acabar.`,
  otpLabelEmail: 'Código do e-mail',
  otpLabelSms: 'Código do SMS',
  otpResend: 'Enviar um novo código',
  otpResendIn: (time) => `Você poderá pedir um novo código em ${time}.`,
  otpResent: 'Um novo código está a caminho.',

  recoveryIntro:
    'Digite um dos códigos de recuperação que você salvou ao configurar a verificação em duas etapas. Cada código só pode ser usado uma vez.',
  recoveryLabel: 'Código de recuperação',

  passkeyIntro: 'Use a chave de acesso salva neste dispositivo ou na sua chave de segurança.',
  passkeyButton: 'Usar chave de acesso',
  passkeyWaiting: 'Siga as instruções do seu navegador…',
  passkeyUnsupported: 'Este navegador não é compatível com chaves de acesso. Escolha outro método ou use um navegador compatível.',
  passkeyRefused: 'A solicitação da chave de acesso foi fechada antes de terminar. Tente novamente quando quiser.',

  socialIntro: (name, alias) => (alias ? `Entre novamente com ${name} como ${alias}.` : `Entre novamente com ${name}.`),
  socialWaiting: 'Conclua o login na janela que foi aberta…',
  socialRedirect: 'Continuar nesta janela',

  walletIntro: 'Assine uma mensagem com a carteira vinculada à sua conta. A assinatura não tem custo.',
  walletExpected: 'Carteira vinculada',
  walletUse: (name) => `Assinar com ${name}`,
  walletWaiting: 'Confirme a solicitação na sua carteira…',
  walletNone: 'Nenhuma carteira foi encontrada neste navegador. Instale ou desbloqueie sua carteira e tente novamente.',

  errors: {
    cancelled: 'A verificação foi cancelada.',
    invalid_code: 'Esse código não está correto. Confira e tente novamente.',
    code_expired: 'Esse código expirou. Peça um novo.',
    code_already_used: 'Esse código já foi usado. Aguarde um novo e tente novamente.',
    too_many_attempts: 'Muitos códigos incorretos. Peça um novo código.',
    rate_limited: 'Muitas tentativas. Aguarde um momento e tente novamente.',
    webauthn_unsupported: 'Este navegador não é compatível com chaves de acesso.',
    no_passkey: 'Nenhuma chave de acesso desta conta está disponível neste dispositivo.',
    popup_blocked: 'A janela de login foi bloqueada. Permita pop-ups para este site ou continue nesta janela.',
    wallet_missing: 'Nenhuma carteira foi encontrada neste navegador.',
    wallet_address_mismatch: 'Essa não é a carteira vinculada à sua conta. Mude para a carteira vinculada e tente novamente.',
    wallet_signature_rejected: 'A assinatura foi recusada na carteira.',
    wallet_connection_rejected: 'A conexão com a carteira foi recusada.',
    network_error: 'Não foi possível acessar o servidor. Verifique sua conexão e tente novamente.',
    server_error: 'Algo deu errado do nosso lado. Tente novamente em instantes.',
    not_signed_in: 'Você saiu da sua conta. Entre e tente novamente.',
    invalid_token: 'Não foi possível concluir a verificação. Tente novamente.',
    step_up_required: 'Confirme sua identidade novamente para continuar.',
    invalid_request: 'A solicitação não é válida.',
    invalid_scope: 'Esta ação não pode ser verificada.',
    credential_not_found: 'Este método de verificação não está disponível para sua conta.',
    method_not_allowed: 'Esta forma de confirmar sua identidade não está disponível para sua conta agora. Use uma das opções oferecidas.',
    verification_not_found: 'Não há nenhum código pendente. Peça um novo código.',
    already_used: 'Esse código já foi usado. Peça um novo.',
    forbidden: 'Você não tem permissão para fazer isso.',
    external_jwt_invalid: 'Não foi possível verificar a confirmação de identidade.',
    external_jwt_expired: 'A confirmação de identidade expirou.',
    external_jwt_replayed: 'A confirmação de identidade já foi usada.',
    invalid_state: 'A resposta do login não corresponde a esta solicitação. Tente novamente.',
    invalid_grant: 'Não foi possível confirmar o login. Tente novamente.',
    challenge_expired: 'Esta solicitação expirou. Tente novamente.',
    invalid_credential: 'Não foi possível verificar a chave de acesso. Tente novamente.',
    invalid_signature: 'Não foi possível verificar a assinatura da carteira. Tente novamente.',
    request_failed: 'Não deu certo. Tente novamente.',
    configuration_error: 'Esta página não consegue verificar sua identidade agora. Recarregue a página e tente novamente.',
  },
};

export default ptBR;
