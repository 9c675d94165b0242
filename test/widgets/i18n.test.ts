// The one i18n helper of the widgets and the staff app (widgets/shared/i18n.ts): placeholders, the language of
// an element, one locale for dates and numbers, and English loaded on demand.
import { translator } from '../../widgets/admin/i18n.ts';
import { fill, langOf, lazyEnglish, locale, messages, ready } from '../../widgets/shared/i18n.ts';
import { equal, mount } from './helpers.ts';

describe('shared i18n helper', () => {
  afterEach(() => {
    document.body.replaceChildren();
    document.documentElement.lang = '';
  });

  it('fills {name} placeholders by name, each as often as it appears, and leaves one with no value as it is', () => {
    equal(fill('Rata-rata {mean} dari {max}', { mean: '4,2', max: 5 }), 'Rata-rata 4,2 dari 5');
    equal(fill('{n} + {n} = {sum}', { n: 1, sum: 2 }), '1 + 1 = 2');
    equal(fill('Status: {status}', {}), 'Status: {status}');
    equal(fill('{count} suara', { count: 0 }), '0 suara', 'zero is a value');
    equal(fill('Harga {price}', { price: 'Rp$1' }), 'Harga Rp$1', 'a $ in the value is only text');
  });

  it('is what the staff app translates with: same placeholders, its own words', () => {
    equal(translator('id')('signedInAs', { name: 'Dewi' }), 'Masuk sebagai Dewi');
    equal(translator('en')('signedInAs', { name: 'Dewi' }), 'Signed in as Dewi');
  });

  it("gives the staff app's English counts their plural form, chosen by the count", () => {
    const en = translator('en');
    equal(en('mbLoansN', { n: '1', count: 1 }), '1 loan');
    equal(en('mbLoansN', { n: '2', count: 2 }), '2 loans');
    equal(en('fbTotal', { n: '1.234', count: 1234 }), '1.234 items');
    equal(en('fmHours', { n: '1.5', count: 1.5 }), '1.5 hours');
    equal(translator('id')('mbLoansN', { n: '1', count: 1 }), '1 pinjaman');
  });

  it('has one locale for dates and numbers: id-ID, and en-GB (day before month) for English', () => {
    equal(locale('id'), 'id-ID');
    equal(locale('en'), 'en-GB');
    const day = new Date(Date.UTC(2026, 11, 4, 12));
    equal(day.toLocaleDateString(locale('en'), { dateStyle: 'long', timeZone: 'UTC' }), '4 December 2026');
    equal(day.toLocaleDateString(locale('id'), { dateStyle: 'long', timeZone: 'UTC' }), '4 Desember 2026');
    equal((1234.5).toLocaleString(locale('id')), '1.234,5');
  });

  it("takes an element's language from itself, its nearest [lang] ancestor, the plugin, then <html>", () => {
    const host = mount<HTMLElement>('<section lang="en-GB"><p id="a"></p><p id="b" lang="id"></p></section>');
    equal(langOf(host.querySelector('#a')!), 'en');
    equal(langOf(host.querySelector('#b')!), 'id');
    const loose = mount<HTMLElement>('<p></p>');
    equal(langOf(loose), 'id', 'Indonesian by default');
    document.documentElement.lang = 'en';
    equal(langOf(loose), 'en');
  });

  it('loads English once, keeps Indonesian (bar the early strings) until it comes, and tries again after a failure', async () => {
    const id = { hello: 'Halo', bye: 'Sampai jumpa' };
    let loads = 0;
    let fail = true;
    const strings = lazyEnglish(
      id,
      () => {
        loads++;
        return fail
          ? Promise.reject(new Error('offline'))
          : Promise.resolve({ en: { hello: 'Hello', bye: 'Goodbye' } });
      },
      { hello: 'Hello' },
    );
    equal(strings.words('en'), { hello: 'Hello', bye: 'Sampai jumpa' }, 'early strings before the chunk');
    await strings.ready('en');
    equal(strings.words('en').bye, 'Sampai jumpa', 'a failed load leaves Indonesian, never an error');
    fail = false;
    await Promise.all([strings.ready('en'), strings.ready('en')]);
    equal(loads, 2, 'once after the failure, however many ask');
    equal(strings.words('en'), { hello: 'Hello', bye: 'Goodbye' });
    equal(strings.words('id'), id);
    await strings.ready('id');
    equal(loads, 2, 'Indonesian loads nothing');
  });

  it("gives the poll's English from its own chunk", async () => {
    equal(messages('en').loading, 'Loading…', 'the loading line is there at once');
    await ready('en');
    equal(messages('en').submit, 'Send');
    equal(messages('id').submit, 'Kirim');
  });
});
