/**
 * A source's address key (app/domain/url-key.ts): every way one page's address is copied gives
 * one key, different pages keep different keys, and text that is no address has none.
 */
import { describe, expect, it } from 'vitest';
import { isTrackingParameter, TRACKING_PARAMETERS, urlKey } from '~/domain/url-key';

const FOX = 'https://www.foxbusiness.com/technology/huawei-chip-tech-national-security';
const FOX_KEY = 'foxbusiness.com/technology/huawei-chip-tech-national-security';

describe('urlKey', () => {
  it.each([
    FOX,
    'http://www.foxbusiness.com/technology/huawei-chip-tech-national-security',
    'https://foxbusiness.com/technology/huawei-chip-tech-national-security',
    'HTTPS://WWW.FOXBUSINESS.COM/technology/huawei-chip-tech-national-security',
    'https://www.foxbusiness.com/technology/huawei-chip-tech-national-security/',
    'https://www.foxbusiness.com/technology/huawei-chip-tech-national-security//',
    'https://www.foxbusiness.com:443/technology/huawei-chip-tech-national-security',
    'http://www.foxbusiness.com:80/technology/huawei-chip-tech-national-security',
    'https://www.foxbusiness.com./technology/huawei-chip-tech-national-security',
    'https://www.foxbusiness.com/technology/huawei-chip-tech-national-security#comments',
    'https://www.foxbusiness.com/technology/huawei-chip-tech-national-security?',
    'https://www.foxbusiness.com/technology/huawei-chip-tech-national-security?utm_source=twitter&utm_medium=social',
    'https://www.foxbusiness.com/technology/huawei-chip-tech-national-security?UTM_Campaign=x',
    'https://www.foxbusiness.com/technology/huawei-chip-tech-national-security?fbclid=IwAR0abc',
    'https://www.foxbusiness.com/technology/huawei-chip-tech-national-security?gclid=1&mc_cid=2&mc_eid=3',
    'https://www.foxbusiness.com/technology/huawei-chip-tech-national-security?igshid=x&ref_src=twsrc%5Etfw',
    'https://www.foxbusiness.com/technology/huawei-chip-tech-national-security?cmpid=prn_newsstand',
    'https://www.foxbusiness.com/technology/huawei-chip-tech-national-security?_ga=2.1&_gl=1*abc',
    'https://www.foxbusiness.com/technology/huawei-chip-tech-national-security?msclkid=a&twclid=b&yclid=c',
    '  https://www.foxbusiness.com/technology/huawei-chip-tech-national-security  ',
    'https://user:secret@www.foxbusiness.com/technology/huawei-chip-tech-national-security',
    'https://www.foxbusiness.com/technology/./huawei-chip-tech-national-security',
    'https://www.foxbusiness.com/x/../technology/huawei-chip-tech-national-security',
    'https://www.foxbusiness.com/technology/huawei%2Dchip%2Dtech%2Dnational%2Dsecurity',
    'https://www.foxbusiness.com/%74echnology/huawei-chip-tech-national-security',
  ])('gives %s the key of the page', (url) => {
    expect(urlKey(url)).toBe(FOX_KEY);
  });

  it('sorts the query parameters that remain and keeps their values', () => {
    expect(urlKey('https://example.org/search?q=huawei&page=2')).toBe('example.org/search?page=2&q=huawei');
    expect(urlKey('https://example.org/search?page=2&q=huawei&utm_source=x')).toBe(
      'example.org/search?page=2&q=huawei',
    );
    expect(urlKey('https://example.org/a?b=2&a=1&a=0')).toBe('example.org/a?a=0&a=1&b=2');
    expect(urlKey('https://example.org/a?flag&x=1')).toBe(urlKey('https://example.org/a?x=1&flag='));
    expect(urlKey('https://example.org/a?&&x=1&')).toBe('example.org/a?x=1');
  });

  it('reads a space in the query the same however it was encoded', () => {
    const key = urlKey('https://example.org/s?q=back%20door');
    expect(urlKey('https://example.org/s?q=back+door')).toBe(key);
    expect(urlKey('https://example.org/s?q=back door')).toBe(key);
  });

  it('decodes only what needs no encoding, and compares the rest in one case', () => {
    expect(urlKey('https://example.org/%7Euser/%41b')).toBe('example.org/~user/Ab');
    expect(urlKey('https://example.org/caf%c3%a9')).toBe('example.org/caf%C3%A9');
    expect(urlKey('https://example.org/café')).toBe('example.org/caf%C3%A9');
    // A slash or question mark that was encoded is part of a name, not a separator: it stays encoded.
    expect(urlKey('https://example.org/a%2Fb')).toBe('example.org/a%2Fb');
    expect(urlKey('https://example.org/a%3Fb')).toBe('example.org/a%3Fb');
    expect(urlKey('https://example.org/s?q=a%26b')).toBe('example.org/s?q=a%26b');
  });

  it('keeps apart what makes a different page', () => {
    const keys = [
      'https://example.org/report',
      'https://example.org/Report',
      'https://example.org/report?id=1',
      'https://example.org/report?id=2',
      'https://example.org/report/2',
      'https://news.example.org/report',
      'https://example.org:8080/report',
      'https://example.com/report',
      'https://example.org/report?ref=1',
      'https://example.org/#!/status/1',
      'https://example.org/#!/status/2',
    ].map(urlKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the route of a #! address, which is the page itself', () => {
    expect(urlKey('https://twitter.com/#!/huawei/status/123')).toBe('twitter.com#!/huawei/status/123');
    expect(urlKey('http://www.twitter.com/#!/huawei/status/123/')).toBe('twitter.com#!/huawei/status/123');
  });

  it('keys a bare host without a slash, and internationalised hosts in one form', () => {
    expect(urlKey('https://www.example.org')).toBe('example.org');
    expect(urlKey('http://example.org/')).toBe('example.org');
    expect(urlKey('https://www.example.org/?utm_source=x')).toBe('example.org');
    expect(urlKey('https://bücher.example/')).toBe(urlKey('https://xn--bcher-kva.example'));
  });

  it.each([
    '',
    '   ',
    'not a url',
    'www.foxbusiness.com/technology/x',
    'foxbusiness.com',
    '/technology/x',
    '//www.foxbusiness.com/x',
    'ftp://example.org/file',
    'mailto:desk@example.org',
    'javascript:alert(1)',
    'data:text/html,hi',
    'https://',
    'http://exa mple.org/',
  ])('has no key for %j', (text) => {
    expect(urlKey(text)).toBeNull();
  });

  it('has no key for an address longer than any page’s', () => {
    expect(urlKey(`https://example.org/${'x'.repeat(5000)}`)).toBeNull();
  });

  it('has no key for what is not text', () => {
    for (const value of [null, undefined, 42, {}, ['https://example.org']]) expect(urlKey(value)).toBeNull();
  });

  it('names its tracking parameters in lower case, and matches them in any case', () => {
    expect(TRACKING_PARAMETERS.every((p) => p === p.toLowerCase())).toBe(true);
    expect(isTrackingParameter('UTM_SOURCE')).toBe(true);
    expect(isTrackingParameter('utm_anything')).toBe(true);
    expect(isTrackingParameter('FBCLID')).toBe(true);
    expect(isTrackingParameter('id')).toBe(false);
    expect(isTrackingParameter('q')).toBe(false);
  });
});
