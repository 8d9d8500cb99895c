// Arabic (Modern Standard), loaded on demand when `lang` is 'ar' (or 'ar-…'); the elements lay
// out right to left for it. Requests use يُرجى with a verbal noun, polite and the same for every
// reader (an imperative would pick a gender). ASCII digits, as most Arabic apps and sites show;
// Arabic comma and semicolon, « » quotes. Names, addresses and actions the app passes in are
// wrapped in bidi isolates, so a Latin name or a phone number keeps its own order in the sentence.
import en from './en.js';
import type { StepUpStrings } from './strings.js';

/** First-strong isolate: `text` is laid out in its own direction, then the sentence resumes. */
const isolate = (text: string) => `\u2068${text}\u2069`;

const plural = new Intl.PluralRules('ar');

/**
 * A count with its noun as Arabic counts: 1 and 2 by the noun alone (ثانية واحدة، ثانيتين),
 * 3–10 with the plural, 11 and up with the singular (a no-break space between). The forms come in the case the sentence
 * needs: seconds and minutes follow a preposition (بعد، لمدة), attempts are the subject.
 */
const count = (n: number, [one, two, few, many]: readonly [string, string, string, string]) => {
  switch (plural.select(n)) {
    case 'one':
      return one;
    case 'two':
      return two;
    case 'few':
      return `${n}\u00a0${few}`;
    default:
      return `${n}\u00a0${many}`;
  }
};
const SECONDS = ['ثانية واحدة', 'ثانيتين', 'ثوانٍ', 'ثانية'] as const;
const MINUTES = ['دقيقة واحدة', 'دقيقتين', 'دقائق', 'دقيقة'] as const;
/** As the subject of the sentence: the dual in the nominative. */
const ATTEMPTS = ['محاولة واحدة', 'محاولتان', 'محاولات', 'محاولة'] as const;

const duration = (seconds: number) => {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return count(s, SECONDS);
  const minutes = count(Math.floor(s / 60), MINUTES);
  return s % 60 === 0 ? minutes : `${minutes} و${count(s % 60, SECONDS)}`;
};

const ar: StepUpStrings = {
  $lang: 'ar',
  dialogTitle: 'تأكيد هويتك',
  dialogDescription: 'لحماية حسابك، يُرجى التحقق من هويتك للمتابعة.',
  close: 'إغلاق',
  checking: 'جارٍ التحقق من طرق التأكيد المتاحة…',
  loadingMethod: 'جارٍ تجهيز هذه الطريقة…',
  useAnotherMethod: 'استخدام طريقة أخرى',
  noMethod: 'لا تتوفر حاليًا أي طريقة تحقق لحسابك.',
  tryAgain: 'إعادة المحاولة',
  actionDescription: (action) => `لمتابعة «${isolate(action)}»، يُرجى تأكيد هويتك.`,
  detailsLabel: 'ما توافق عليه',
  approvalOnce: 'تقتصر موافقتك على هذا الإجراء وحده.',
  approvalFor: (minutes) => `تظل موافقتك سارية لمدة ${count(minutes, MINUTES)}.`,
  approved: (approval) => `تم التأكيد. ${approval}`,
  waitingForOtherTab: 'يُرجى إكمال التأكيد في علامة التبويب أو النافذة الأخرى أولًا، وبعدها تستمر العملية هنا تلقائيًا.',

  methodLabels: {
    passkey: 'مفتاح المرور',
    totp: 'تطبيق المصادقة',
    'recovery-code': 'رمز الاسترداد',
    email: 'رمز عبر البريد الإلكتروني',
    sms: 'رمز عبر رسالة نصية',
    social: 'تسجيل الدخول بحساب اجتماعي',
    wallet: 'توقيع المحفظة',
  },
  // brand names are the same in every language
  providerName: en.providerName,
  socialLabel: (name) => `تسجيل الدخول باستخدام ${isolate(name)}`,

  verify: 'تأكيد',
  verifying: 'جارٍ التحقق…',
  verified: 'تم التحقق.',
  duration,
  retryIn: (time) => `يمكنك المحاولة مرة أخرى بعد ${time}.`,
  attemptsLeft: (n) => (n === 0 ? 'لم تتبقَّ لديك أي محاولة.' : `تبقّت لديك ${count(n, ATTEMPTS)}.`),
  lockedUntil: (time) => `مُقفل حتى الساعة ${isolate(time)}.`,
  unlocked: 'يمكنك المحاولة مرة أخرى الآن.',
  codeIncomplete: 'يُرجى إدخال الرمز كاملًا.',

  totpIntro: 'يُرجى فتح تطبيق المصادقة وإدخال الرمز المكوّن من 6\u00a0أرقام الذي يظهر فيه.',
  totpLabel: 'رمز المصادقة',

  otpSending: (alias) => `جارٍ إرسال رمز إلى ${isolate(alias)}…`,
  otpSentTo: (alias) => `أرسلنا رمزًا إلى ${isolate(alias)}.`,
  otpNotSentYet: (alias) => `لا يمكن إرسال رمز جديد إلى ${isolate(alias)} حاليًا. يُرجى طلب رمز عند انتهاء المهلة.`,
  otpLabelEmail: 'الرمز الوارد في البريد الإلكتروني',
  otpLabelSms: 'الرمز الوارد في الرسالة النصية',
  otpResend: 'إرسال رمز جديد',
  otpResendIn: (time) => `يمكنك طلب رمز جديد بعد ${time}.`,
  otpResent: 'رمز جديد في طريقه إليك.',

  recoveryIntro: 'يُرجى إدخال أحد رموز الاسترداد التي حفظتها عند إعداد التحقق بخطوتين. يصلح كل رمز لمرة واحدة فقط.',
  recoveryLabel: 'رمز الاسترداد',

  passkeyIntro: 'يُرجى استخدام مفتاح المرور المحفوظ على هذا الجهاز أو على مفتاح الأمان الخاص بك.',
  passkeyButton: 'استخدام مفتاح المرور',
  passkeyWaiting: 'يُرجى اتباع تعليمات المتصفح…',
  passkeyUnsupported: 'لا يمكن استخدام مفاتيح المرور في هذا المتصفح. يُرجى اختيار طريقة أخرى أو استخدام متصفح يدعمها.',
  passkeyRefused: 'أُغلقت نافذة مفتاح المرور قبل اكتمالها. يمكنك المحاولة مرة أخرى متى شئت.',

  socialIntro: (name, alias) =>
    alias
      ? `يُرجى تسجيل الدخول مرة أخرى باستخدام ${isolate(name)} بالحساب ${isolate(alias)}.`
      : `يُرجى تسجيل الدخول مرة أخرى باستخدام ${isolate(name)}.`,
  socialWaiting: 'يُرجى إكمال تسجيل الدخول في النافذة التي فُتحت…',
  socialRedirect: 'المتابعة في هذه النافذة',

  walletIntro: 'يُرجى توقيع رسالة باستخدام المحفظة المرتبطة بحسابك. لا يكلّف التوقيع شيئًا.',
  walletExpected: 'المحفظة المرتبطة',
  walletUse: (name) => `التوقيع باستخدام ${isolate(name)}`,
  walletWaiting: 'يُرجى تأكيد الطلب في محفظتك…',
  walletNone: 'لم يُعثر على أي محفظة في هذا المتصفح. يُرجى تثبيت محفظتك أو فتح قفلها، ثم المحاولة مرة أخرى.',

  errors: {
    cancelled: 'تم إلغاء التحقق.',
    invalid_code: 'الرمز غير صحيح. يُرجى التحقق منه والمحاولة مرة أخرى.',
    code_expired: 'انتهت صلاحية الرمز. يُرجى طلب رمز جديد.',
    code_already_used: 'سبق استخدام هذا الرمز. يُرجى انتظار رمز جديد والمحاولة مرة أخرى.',
    too_many_attempts: 'أُدخلت رموز خاطئة مرات كثيرة. يُرجى طلب رمز جديد.',
    rate_limited: 'محاولات كثيرة جدًا. يُرجى الانتظار قليلًا ثم المحاولة مرة أخرى.',
    webauthn_unsupported: 'لا يمكن استخدام مفاتيح المرور في هذا المتصفح.',
    no_passkey: 'لا يتوفر على هذا الجهاز مفتاح مرور لهذا الحساب.',
    popup_blocked: 'تم حظر نافذة تسجيل الدخول. يُرجى السماح بالنوافذ المنبثقة لهذا الموقع، أو المتابعة في هذه النافذة.',
    wallet_missing: 'لم يُعثر على أي محفظة في هذا المتصفح.',
    wallet_address_mismatch: 'هذه ليست المحفظة المرتبطة بحسابك. يُرجى التبديل إلى المحفظة المرتبطة والمحاولة مرة أخرى.',
    wallet_signature_rejected: 'تم رفض التوقيع في المحفظة.',
    wallet_connection_rejected: 'تم رفض الاتصال بالمحفظة.',
    network_error: 'تعذّر الوصول إلى الخادم. يُرجى التحقق من اتصالك والمحاولة مرة أخرى.',
    server_error: 'حدث خطأ من جهتنا. يُرجى المحاولة مرة أخرى بعد قليل.',
    not_signed_in: 'انتهت جلستك. يُرجى تسجيل الدخول والمحاولة مرة أخرى.',
    invalid_token: 'تعذّر إكمال التحقق. يُرجى المحاولة مرة أخرى.',
    step_up_required: 'يُرجى التحقق من هويتك مرة أخرى للمتابعة.',
    invalid_request: 'الطلب غير صالح.',
    invalid_scope: 'لا يمكن التحقق من هذا الإجراء.',
    credential_not_found: 'طريقة التحقق هذه غير متاحة لحسابك.',
    method_not_allowed: 'طريقة تأكيد الهوية هذه غير متاحة لحسابك حاليًا. يُرجى استخدام إحدى الطرق المعروضة.',
    verification_not_found: 'لا يوجد رمز بانتظار الإدخال. يُرجى طلب رمز جديد.',
    already_used: 'سبق استخدام هذا الرمز. يُرجى طلب رمز جديد.',
    forbidden: 'ليس لديك إذن بتنفيذ هذا الإجراء.',
    external_jwt_invalid: 'تعذّر التحقق من إثبات الهوية.',
    external_jwt_expired: 'انتهت صلاحية إثبات الهوية.',
    external_jwt_replayed: 'سبق استخدام إثبات الهوية هذا.',
    invalid_state: 'لا يتطابق رد تسجيل الدخول مع هذا الطلب. يُرجى المحاولة مرة أخرى.',
    invalid_grant: 'تعذّر تأكيد تسجيل الدخول. يُرجى المحاولة مرة أخرى.',
    challenge_expired: 'انتهت صلاحية هذا الطلب. يُرجى المحاولة مرة أخرى.',
    invalid_credential: 'تعذّر التحقق من مفتاح المرور. يُرجى المحاولة مرة أخرى.',
    invalid_signature: 'تعذّر التحقق من توقيع المحفظة. يُرجى المحاولة مرة أخرى.',
    request_failed: 'لم تنجح العملية. يُرجى المحاولة مرة أخرى.',
    configuration_error: 'لا يمكن لهذه الصفحة التحقق من هويتك حاليًا. يُرجى إعادة تحميلها والمحاولة مرة أخرى.',
  },
};

export default ar;
