import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { waitUntil } from '../../test/support/wait.js';
import { TokenScope, type StepUpClient } from '../../src/index.js';
import { resetBackend, signedInClient } from '../../test/support/backend.js';
import { inShadow, waitForOpen } from '../../test/support/elements.js';
import '../define/step-up-dialog.js';
import '../define/step-up-totp.js';
import type { StepUpDialog } from '../step-up-dialog/step-up-dialog.js';
import ar from './ar.js';
import de from './de.js';
import en from './en.js';
import es from './es.js';
import fr from './fr.js';
import hi from './hi.js';
import ja from './ja.js';
import ko from './ko.js';
import ptBR from './pt-BR.js';
import type { StepUpStrings } from './strings.js';
import zhCN from './zh-CN.js';

const TABLES: StepUpStrings[] = [de, es, fr, ptBR, ja, zhCN, ko, ar, hi];

/** Entries a language takes over from English word for word. */
const SAME_AS_ENGLISH: Record<string, string[]> = { de: ['methodLabels.passkey'] };

/** Placeholder values: easy to find in any script, and not something a table would write itself. */
const A = '«A1»';
const B = '«B2»';

/** Functions whose argument is a count; the others take strings (names, addresses, durations). */
const COUNTS: Record<string, number[]> = {
  approvalFor: [1, 2, 5, 11, 100],
  attemptsLeft: [1, 2, 5, 11, 100],
  duration: [1, 2, 5, 11, 59, 60, 75, 120, 605, 3600],
};

type Entry = string | ((...args: never[]) => string) | Record<string, unknown>;

/** Every entry of a table, nested ones (errors, methodLabels) as 'errors.invalid_code'. */
function entries(table: Record<string, unknown>, prefix = ''): [string, Entry][] {
  return Object.entries(table).flatMap(([key, value]) =>
    value !== null && typeof value === 'object'
      ? entries(value as Record<string, unknown>, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value as Entry]],
  );
}

const entryOf = (table: StepUpStrings, path: string) =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], table);

/**
 * True when `text` shows the count `n` in ASCII digits. Arabic says one and two with the noun
 * alone, in its singular and dual (دقيقة واحدة، دقيقتين), as CLDR's Arabic units do too.
 */
function showsCount(lang: string, text: string, n: number, padded = false): boolean {
  if (new RegExp(`(^|\\D)${padded ? '0?' : ''}${n}(\\D|$)`).test(text)) return true;
  if (lang === 'ar' && n === 1) return text.includes('واحدة');
  if (lang === 'ar' && n === 2) return /(تان|تين)(\s|\.|$)/.test(text);
  return false;
}

/** The string a function entry gives for its sample arguments, each call with what it must show. */
function calls(path: string, fn: (...args: unknown[]) => string): { args: unknown[]; out: string }[] {
  const key = path.split('.').at(-1)!;
  if (COUNTS[key]) return COUNTS[key].map((n) => ({ args: [n], out: fn(n) }));
  const args: unknown[] = [A, B, '«C3»'].slice(0, Math.max(1, fn.length));
  const all = [{ args, out: fn(...args) }];
  // an optional second argument (socialIntro's alias) left out
  if (args.length > 1) all.push({ args: [A, undefined], out: fn(A, undefined) });
  return all;
}

describe('translations', () => {
  for (const table of TABLES) {
    describe(table.$lang, () => {
      it('has every entry of the English table, of the same kind, and nothing else', () => {
        const english = new Map(entries(en as unknown as Record<string, unknown>));
        const own = new Map(entries(table as unknown as Record<string, unknown>));
        expect([...own.keys()].filter((k) => !english.has(k)), 'entries English does not have').to.deep.equal([]);
        expect([...english.keys()].filter((k) => !own.has(k)), 'missing entries').to.deep.equal([]);
        for (const [path, value] of english) {
          expect(typeof own.get(path), path).to.equal(typeof value);
          if (typeof value === 'function') expect((own.get(path) as () => string).length, `${path}: arguments`).to.equal(value.length);
          if (typeof value === 'string' && path !== '$lang') {
            expect((own.get(path) as string).trim(), path).not.to.equal('');
            if (!SAME_AS_ENGLISH[table.$lang]?.includes(path)) expect(own.get(path), `${path} is still in English`).not.to.equal(value);
          }
        }
      });

      it('keeps every placeholder of every function, and shows counts in ASCII digits', () => {
        for (const [path, value] of entries(en as unknown as Record<string, unknown>)) {
          if (typeof value !== 'function') continue;
          const fn = entryOf(table, path) as (...args: unknown[]) => string;
          for (const { args, out } of calls(path, fn)) {
            const call = `${path}(${args.map((a) => JSON.stringify(a)).join(', ')}) → ${out}`;
            expect(out, call).to.be.a('string').and.not.match(/undefined|NaN|\[object/);
            for (const arg of args) {
              if (typeof arg === 'string') expect(out, call).to.include(arg);
              if (typeof arg !== 'number') continue;
              if (path !== 'duration' || arg < 60) {
                expect(showsCount(table.$lang, out, arg), `${call}: shows ${arg}`).to.equal(true);
              } else {
                // a countdown over a minute: minutes, and the seconds unless there are none
                expect(showsCount(table.$lang, out, Math.floor(arg / 60)), `${call}: minutes`).to.equal(true);
                if (arg % 60) expect(showsCount(table.$lang, out, arg % 60, true), `${call}: seconds`).to.equal(true);
              }
            }
          }
        }
      });

      it('keeps brand names as they are', () => {
        for (const provider of ['google', 'github', 'linkedin', 'apple']) expect(table.providerName(provider)).to.equal(en.providerName(provider));
      });
    });
  }

  it('counts as each language does: one and many, and Arabic’s one, two, few and many', () => {
    const cases: [StepUpStrings, string, string][] = [
      [es, es.approvalFor(1), '1\u00a0minuto.'],
      [es, es.approvalFor(5), '5\u00a0minutos.'],
      [es, es.attemptsLeft(1), 'Le queda 1 intento.'],
      [fr, fr.approvalFor(1), '1\u00a0minute.'],
      [fr, fr.attemptsLeft(11), '11\u00a0tentatives'],
      [ptBR, ptBR.attemptsLeft(2), 'Restam 2 tentativas.'],
      [hi, hi.attemptsLeft(5), '5\u00a0कोशिशें'],
      [ja, ja.duration(75), '1分15秒'],
      [zhCN, zhCN.duration(75), '1\u00a0分 15\u00a0秒'],
      [ko, ko.duration(75), '1분 15초'],
      [ar, ar.approvalFor(1), 'لمدة دقيقة واحدة.'],
      [ar, ar.approvalFor(2), 'لمدة دقيقتين.'],
      [ar, ar.approvalFor(5), 'لمدة 5\u00a0دقائق.'],
      [ar, ar.approvalFor(11), 'لمدة 11\u00a0دقيقة.'],
      [ar, ar.approvalFor(100), 'لمدة 100\u00a0دقيقة.'],
      [ar, ar.duration(3), '3\u00a0ثوانٍ'],
      [ar, ar.duration(75), 'دقيقة واحدة و15\u00a0ثانية'],
      [ar, ar.duration(130), 'دقيقتين و10\u00a0ثوانٍ'],
      [ar, ar.attemptsLeft(2), 'تبقّت لديك محاولتان.'],
    ];
    for (const [table, text, expected] of cases) expect(text, table.$lang).to.include(expected);
  });

  it('writes quotes as each language does', () => {
    expect(fr.actionDescription(A)).to.include(`«\u202f${A}\u202f»`);
    expect(ja.actionDescription(A)).to.include(`「${A}」`);
    expect(zhCN.actionDescription(A)).to.include(`“${A}”`);
    expect(ar.actionDescription(A)).to.include(`«\u2068${A}\u2069»`); // isolated: a Latin action keeps its order
    expect(ar.dialogDescription).to.include('،');
  });
});

describe('languages loaded through the element', () => {
  beforeEach(resetBackend);
  afterEach(() => document.documentElement.removeAttribute('lang'));

  /** A dialog in `lang` (the attribute, or none), opened for a signed-in user. */
  async function openDialog(client: StepUpClient, lang?: string, dir?: string) {
    const dialog = await fixture<StepUpDialog>(
      html`<step-up-dialog scope=${TokenScope.Walletexport} lang=${ifDefined(lang)} dir=${ifDefined(dir)} .client=${client}></step-up-dialog>`,
    );
    dialog.requestStepUp().catch(() => undefined);
    await waitForOpen(dialog);
    return dialog;
  }
  const title = (dialog: StepUpDialog) => inShadow(dialog, '#title').textContent;
  const direction = (dialog: StepUpDialog) => getComputedStyle(inShadow(dialog, 'dialog')).direction;

  const cases: [string, StepUpStrings][] = [
    ['es', es],
    ['fr-CA', fr],
    ['pt-BR', ptBR],
    ['pt', ptBR],
    ['pt-PT', ptBR],
    ['ja', ja],
    ['zh-CN', zhCN],
    ['zh', zhCN],
    ['zh-Hans', zhCN],
    ['ko', ko],
    ['ar', ar],
    ['hi', hi],
    ['zh-TW', en], // Traditional Chinese is not served the Simplified table
  ];
  for (const [lang, table] of cases) {
    it(`lang="${lang}" shows the ${table.$lang} title, its table loaded on demand`, async () => {
      const { client } = await signedInClient('alice');
      const dialog = await openDialog(client, lang);
      await waitUntil(() => title(dialog) === table.dialogTitle, `${table.$lang} title, not "${title(dialog)}"`);
      expect(inShadow(dialog, '.close').getAttribute('aria-label')).to.equal(table.close);
      dialog.close();
    });
  }

  it('lang="ar" alone lays the dialog out right to left, in Arabic', async () => {
    const { client } = await signedInClient('alice');
    const dialog = await openDialog(client, 'ar');
    await waitUntil(() => title(dialog) === ar.dialogTitle, 'Arabic title');
    await waitUntil(() => direction(dialog) === 'rtl', 'right to left');
    expect(dialog.getAttribute('dir')).to.equal('rtl');
    const heading = inShadow(dialog, '#title').getBoundingClientRect();
    const close = inShadow(dialog, '.close').getBoundingClientRect();
    expect(close.right).to.be.at.most(heading.left + 1); // the close button at the inline end: the left
    await expect(dialog).to.be.accessible();
    dialog.close();
  });

  it('a page in Arabic (<html lang="ar">) gets a right-to-left dialog', async () => {
    document.documentElement.lang = 'ar';
    const { client } = await signedInClient('alice');
    const dialog = await openDialog(client);
    await waitUntil(() => title(dialog) === ar.dialogTitle && direction(dialog) === 'rtl', 'Arabic, right to left');
    dialog.close();
  });

  it('keeps a dir the app set: on the element, or beside the lang', async () => {
    const { client } = await signedInClient('alice');
    const explicit = await openDialog(client, 'ar', 'ltr');
    await waitUntil(() => title(explicit) === ar.dialogTitle, 'Arabic title');
    expect(direction(explicit)).to.equal('ltr');
    expect(explicit.getAttribute('dir')).to.equal('ltr');
    explicit.close();

    const wrapper = await fixture<HTMLDivElement>(html`<div lang="ar" dir="ltr"><step-up-totp></step-up-totp></div>`);
    const totp = wrapper.querySelector('step-up-totp')!;
    await waitUntil(() => totp.shadowRoot?.textContent?.includes(ar.totpLabel), 'Arabic totp label');
    expect(getComputedStyle(totp).direction).to.equal('ltr');
    expect(totp.hasAttribute('dir')).to.equal(false);
  });

  it('follows a change of language both ways, and gives way to a dir set later', async () => {
    const totp = await fixture<HTMLElement & { lang: string; dir: string; updateComplete: Promise<boolean> }>(
      html`<step-up-totp lang="ar"></step-up-totp>`,
    );
    await waitUntil(() => getComputedStyle(totp).direction === 'rtl', 'right to left in Arabic');
    totp.lang = 'en';
    await waitUntil(() => getComputedStyle(totp).direction === 'ltr' && !totp.hasAttribute('dir'), 'left to right in English');
    expect(totp.shadowRoot!.textContent).to.include(en.totpLabel);
    totp.lang = 'ar';
    await waitUntil(() => getComputedStyle(totp).direction === 'rtl', 'right to left again');
    totp.dir = 'ltr'; // the app's say from now on
    await waitUntil(() => getComputedStyle(totp).direction === 'ltr', 'the app’s ltr');
    totp.lang = 'ar-EG';
    await totp.updateComplete;
    expect(totp.getAttribute('dir')).to.equal('ltr');
  });
});
