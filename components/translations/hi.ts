// Hindi, loaded on demand when `lang` is 'hi' (or 'hi-…'). Polite आप; the full stop is the danda
// (।); ASCII digits, as Indian apps show them; the everyday English loanwords Indian products
// use (कोड, पासकी, वॉलेट, साइन इन) where a Sanskrit coinage would read as jargon.
import en from './en.js';
import type { StepUpStrings } from './strings.js';

const duration = (seconds: number) => {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s}\u00a0सेकंड`;
  const rest = s % 60;
  return rest === 0 ? `${s / 60}\u00a0मिनट` : `${Math.floor(s / 60)}\u00a0मिनट ${rest}\u00a0सेकंड`;
};

const hi: StepUpStrings = {
  $lang: 'hi',
  dialogTitle: 'पुष्टि करें कि यह आप ही हैं',
  dialogDescription: 'आपकी सुरक्षा के लिए, आगे बढ़ने से पहले अपनी पहचान सत्यापित करें।',
  close: 'बंद करें',
  checking: 'सत्यापन के उपलब्ध तरीके देखे जा रहे हैं…',
  loadingMethod: 'यह तरीका तैयार किया जा रहा है…',
  useAnotherMethod: 'कोई दूसरा तरीका इस्तेमाल करें',
  noMethod: 'अभी आपके खाते के लिए सत्यापन का कोई तरीका उपलब्ध नहीं है।',
  tryAgain: 'फिर से कोशिश करें',
  actionDescription: (action) => `“${action}” जारी रखने के लिए पुष्टि करें कि यह आप ही हैं।`,
  detailsLabel: 'आप किस चीज़ को मंज़ूरी दे रहे हैं',
  approvalOnce: 'आपकी मंज़ूरी केवल इसी एक कार्रवाई के लिए है।',
  // मिनट is the same for one and many
  approvalFor: (minutes) => `आपकी मंज़ूरी ${minutes}\u00a0मिनट तक मान्य रहेगी।`,
  approved: (approval) => `पुष्टि हो गई। ${approval}`,
  waitingForOtherTab: 'पहले अपने दूसरे टैब या विंडो में पुष्टि पूरी करें। उसके बाद यहाँ सब अपने-आप आगे बढ़ेगा।',

  methodLabels: {
    passkey: 'पासकी',
    totp: 'ऑथेंटिकेटर ऐप',
    'recovery-code': 'रिकवरी कोड',
    email: 'ईमेल पर कोड',
    sms: 'SMS पर कोड',
    social: 'सोशल साइन-इन',
    wallet: 'वॉलेट हस्ताक्षर',
  },
  // brand names are the same in every language
  providerName: en.providerName,
  socialLabel: (name) => `${name} से साइन इन करें`,

  verify: 'सत्यापित करें',
  verifying: 'सत्यापित किया जा रहा है…',
  verified: 'सत्यापित हो गया।',
  duration,
  retryIn: (time) => `आप ${time} बाद फिर से कोशिश कर सकते हैं।`,
  attemptsLeft: (count) => (count === 1 ? '1\u00a0कोशिश बाकी है।' : `${count}\u00a0कोशिशें बाकी हैं।`),
  lockedUntil: (time) => `${time} बजे तक लॉक है।`,
  unlocked: 'अब आप फिर से कोशिश कर सकते हैं।',
  codeIncomplete: 'पूरा कोड डालें।',

  totpIntro: 'अपना ऑथेंटिकेटर ऐप खोलें और उसमें दिख रहा 6\u00a0अंकों का कोड डालें।',
  totpLabel: 'ऑथेंटिकेटर कोड',

  otpSending: (alias) => `${alias} पर कोड भेजा जा रहा है…`,
  otpSentTo: (alias) => `हमने ${alias} पर एक कोड भेजा है।`,
  otpNotSentYet: (alias) => `${alias} पर अभी नया कोड नहीं भेजा जा सकता। टाइमर खत्म होने पर नया कोड मांगें।`,
  otpLabelEmail: 'ईमेल में मिला कोड',
  otpLabelSms: 'SMS में मिला कोड',
  otpResend: 'नया कोड भेजें',
  otpResendIn: (time) => `आप ${time} बाद नया कोड मांग सकते हैं।`,
  otpResent: 'नया कोड भेज दिया गया है।',

  recoveryIntro: 'दो-चरण सत्यापन सेट अप करते समय सहेजे गए रिकवरी कोड में से कोई एक डालें। हर कोड सिर्फ़ एक बार काम करता है।',
  recoveryLabel: 'रिकवरी कोड',

  passkeyIntro: 'इस डिवाइस पर या अपनी सुरक्षा कुंजी में सहेजी गई पासकी का इस्तेमाल करें।',
  passkeyButton: 'पासकी इस्तेमाल करें',
  passkeyWaiting: 'अपने ब्राउज़र के निर्देशों का पालन करें…',
  passkeyUnsupported: 'इस ब्राउज़र में पासकी का इस्तेमाल नहीं हो सकता। कोई दूसरा तरीका चुनें या ऐसा ब्राउज़र इस्तेमाल करें जो पासकी का समर्थन करता हो।',
  passkeyRefused: 'पासकी का अनुरोध पूरा होने से पहले ही बंद हो गया। जब आप तैयार हों, तब फिर से कोशिश करें।',

  socialIntro: (name, alias) =>
    alias ? `${name} से ${alias} के रूप में फिर से साइन इन करें।` : `${name} से फिर से साइन इन करें।`,
  socialWaiting: 'खुली हुई विंडो में साइन इन पूरा करें…',
  socialRedirect: 'इसी विंडो में जारी रखें',

  walletIntro: 'अपने खाते से जुड़े वॉलेट से एक संदेश पर हस्ताक्षर करें। हस्ताक्षर करने का कोई शुल्क नहीं है।',
  walletExpected: 'जुड़ा हुआ वॉलेट',
  walletUse: (name) => `${name} से हस्ताक्षर करें`,
  walletWaiting: 'अपने वॉलेट में अनुरोध की पुष्टि करें…',
  walletNone: 'इस ब्राउज़र में कोई वॉलेट नहीं मिला। अपना वॉलेट इंस्टॉल या अनलॉक करें, फिर दोबारा कोशिश करें।',

  errors: {
    cancelled: 'सत्यापन रद्द कर दिया गया।',
    invalid_code: 'यह कोड सही नहीं है। इसे जाँचें और फिर से कोशिश करें।',
    code_expired: 'इस कोड की समय-सीमा खत्म हो गई है। नया कोड मांगें।',
    code_already_used: 'यह कोड पहले ही इस्तेमाल हो चुका है। नए कोड का इंतज़ार करें और फिर से कोशिश करें।',
    too_many_attempts: 'बहुत बार गलत कोड डाला गया। नया कोड मांगें।',
    rate_limited: 'बहुत ज़्यादा कोशिशें हो गईं। थोड़ी देर रुककर फिर से कोशिश करें।',
    webauthn_unsupported: 'इस ब्राउज़र में पासकी का इस्तेमाल नहीं हो सकता।',
    no_passkey: 'इस डिवाइस पर इस खाते की कोई पासकी उपलब्ध नहीं है।',
    popup_blocked: 'साइन-इन विंडो ब्लॉक हो गई। इस साइट के लिए पॉप-अप की अनुमति दें या इसी विंडो में जारी रखें।',
    wallet_missing: 'इस ब्राउज़र में कोई वॉलेट नहीं मिला।',
    wallet_address_mismatch: 'यह वह वॉलेट नहीं है जो आपके खाते से जुड़ा है। जुड़े हुए वॉलेट पर जाएँ और फिर से कोशिश करें।',
    wallet_signature_rejected: 'वॉलेट में हस्ताक्षर अस्वीकार कर दिया गया।',
    wallet_connection_rejected: 'वॉलेट से कनेक्शन अस्वीकार कर दिया गया।',
    network_error: 'सर्वर से संपर्क नहीं हो सका। अपना कनेक्शन जाँचें और फिर से कोशिश करें।',
    server_error: 'हमारी ओर से कुछ गड़बड़ हो गई। थोड़ी देर में फिर से कोशिश करें।',
    not_signed_in: 'आप साइन आउट हो चुके हैं। साइन इन करके फिर से कोशिश करें।',
    invalid_token: 'सत्यापन पूरा नहीं हो सका। फिर से कोशिश करें।',
    step_up_required: 'आगे बढ़ने के लिए कृपया अपनी पहचान फिर से सत्यापित करें।',
    invalid_request: 'अनुरोध मान्य नहीं था।',
    invalid_scope: 'इस कार्रवाई को सत्यापित नहीं किया जा सकता।',
    credential_not_found: 'सत्यापन का यह तरीका आपके खाते के लिए उपलब्ध नहीं है।',
    method_not_allowed: 'पहचान की पुष्टि का यह तरीका अभी आपके खाते के लिए उपलब्ध नहीं है। दिए गए तरीकों में से कोई एक इस्तेमाल करें।',
    verification_not_found: 'कोई कोड बाकी नहीं है। नया कोड मांगें।',
    already_used: 'यह कोड पहले ही इस्तेमाल हो चुका है। नया कोड मांगें।',
    forbidden: 'आपको यह करने की अनुमति नहीं है।',
    external_jwt_invalid: 'पहचान की पुष्टि की जाँच नहीं हो सकी।',
    external_jwt_expired: 'पहचान की पुष्टि की समय-सीमा खत्म हो गई है।',
    external_jwt_replayed: 'पहचान की यह पुष्टि पहले ही इस्तेमाल हो चुकी है।',
    invalid_state: 'साइन-इन का जवाब इस अनुरोध से मेल नहीं खाता। फिर से कोशिश करें।',
    invalid_grant: 'साइन-इन की पुष्टि नहीं हो सकी। फिर से कोशिश करें।',
    challenge_expired: 'इस अनुरोध की समय-सीमा खत्म हो गई है। फिर से कोशिश करें।',
    invalid_credential: 'पासकी की जाँच नहीं हो सकी। फिर से कोशिश करें।',
    invalid_signature: 'वॉलेट के हस्ताक्षर की जाँच नहीं हो सकी। फिर से कोशिश करें।',
    request_failed: 'यह नहीं हो पाया। फिर से कोशिश करें।',
    configuration_error: 'यह पेज अभी आपकी पहचान सत्यापित नहीं कर सकता। पेज को फिर से लोड करें और दोबारा कोशिश करें।',
  },
};

export default hi;
