import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * What RFC 4287 (The Atom Syndication Format) requires of a feed document, checked one requirement at a
 * time: an empty list means the document meets every MUST below. Written from the RFC's sections, not
 * from what Muster's code emits.
 */

const ATOM_NS = 'http://www.w3.org/2005/Atom';
/** RFC 3339 date-time, as RFC 4287 3.3 requires (an uppercase T and Z). */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
/** An absolute IRI (RFC 3987): a scheme, then something. */
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  alwaysCreateTextNode: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Every element a list, so "exactly one" can be counted; attributes stay values.
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

const children = (node: Node, name: string): Node[] => (node[name] as Node[] | undefined) ?? [];
/** An attribute's text (the parser gives strings), or the fallback when it is absent. */
const attr = (node: Node, name: string, fallback = ''): string => {
  const value = node[name];
  if (value === undefined) return fallback;
  return typeof value === 'string' ? value : JSON.stringify(value);
};
const textOf = (node: Node | undefined): string => {
  if (node === undefined) return '';
  const text = node['#text'];
  if (Array.isArray(text)) return text.join('');
  return typeof text === 'string' ? text : '';
};

function exactlyOne(node: Node, name: string, where: string, problems: string[]): Node | undefined {
  const found = children(node, name);
  if (found.length !== 1) problems.push(`${where}: has ${found.length} atom:${name}, must have exactly one`);
  return found[0];
}

function atMostOne(node: Node, name: string, where: string, problems: string[]): void {
  const found = children(node, name).length;
  if (found > 1) problems.push(`${where}: has ${found} atom:${name}, may have at most one`);
}

/** 3.1: a Text construct's type is text, html or xhtml (text when absent). */
function textConstruct(node: Node | undefined, where: string, problems: string[]): void {
  if (node === undefined) return;
  const type = attr(node, '@type', 'text');
  if (!['text', 'html', 'xhtml'].includes(type)) problems.push(`${where}: type "${type}" is not text, html or xhtml`);
}

/** 3.3: a Date construct is an RFC 3339 date-time. */
function dateConstruct(node: Node | undefined, where: string, problems: string[]): void {
  if (node === undefined) return;
  if (!DATE_TIME.test(textOf(node).trim())) problems.push(`${where}: "${textOf(node)}" is not an RFC 3339 date-time`);
}

/** 3.2 and 4.2.1: a Person construct has exactly one name. */
function persons(node: Node, where: string, problems: string[]): number {
  const authors = children(node, 'author');
  authors.forEach((author, i) => exactlyOne(author, 'name', `${where} author ${i + 1}`, problems));
  return authors.length;
}

/** 4.2.7: every link has an href; 4.1.1/4.1.2: at most one alternate per type and hreflang. */
function links(node: Node, where: string, problems: string[]): Node[] {
  const all = children(node, 'link');
  const alternates = new Set<string>();
  for (const link of all) {
    const href = link['@href'];
    if (typeof href !== 'string' || href === '') problems.push(`${where}: a link has no href`);
    const rel = attr(link, '@rel', 'alternate');
    if (rel === 'alternate') {
      const key = `${attr(link, '@type')} ${attr(link, '@hreflang')}`;
      if (alternates.has(key)) problems.push(`${where}: more than one alternate link with the same type and hreflang`);
      alternates.add(key);
    }
  }
  return all;
}

function idConstruct(node: Node | undefined, where: string, problems: string[]): string | undefined {
  if (node === undefined) return undefined;
  const id = textOf(node).trim();
  if (!ABSOLUTE_IRI.test(id)) problems.push(`${where}: id "${id}" is not an absolute IRI`);
  return id;
}

export function atomProblems(xml: string): string[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`];
  const problems: string[] = [];
  const [feed] = (parser.parse(xml) as { feed?: Node[] }).feed ?? [];
  if (feed === undefined) return ['the root element is not atom:feed'];
  if (feed['@xmlns'] !== ATOM_NS) problems.push(`atom:feed is not in the Atom namespace (${String(feed['@xmlns'])})`);

  // 4.1.1 atom:feed
  idConstruct(exactlyOne(feed, 'id', 'feed', problems), 'feed', problems);
  const title = exactlyOne(feed, 'title', 'feed', problems);
  textConstruct(title, 'feed title', problems);
  dateConstruct(exactlyOne(feed, 'updated', 'feed', problems), 'feed updated', problems);
  for (const name of ['generator', 'icon', 'logo', 'rights', 'subtitle']) atMostOne(feed, name, 'feed', problems);
  textConstruct(children(feed, 'rights')[0], 'feed rights', problems);
  textConstruct(children(feed, 'subtitle')[0], 'feed subtitle', problems);
  links(feed, 'feed', problems);
  const feedAuthors = persons(feed, 'feed', problems);

  const ids = new Set<string>();
  children(feed, 'entry').forEach((entry, i) => {
    const where = `entry ${i + 1}`;
    // 4.1.2 atom:entry
    const id = idConstruct(exactlyOne(entry, 'id', where, problems), where, problems);
    if (id !== undefined && ids.has(id)) problems.push(`${where}: id ${id} repeats another entry's`);
    if (id !== undefined) ids.add(id);
    textConstruct(exactlyOne(entry, 'title', where, problems), `${where} title`, problems);
    dateConstruct(exactlyOne(entry, 'updated', where, problems), `${where} updated`, problems);
    for (const name of ['content', 'published', 'rights', 'source', 'summary']) atMostOne(entry, name, where, problems);
    dateConstruct(children(entry, 'published')[0], `${where} published`, problems);
    textConstruct(children(entry, 'summary')[0], `${where} summary`, problems);
    // 4.1.1: a feed without an author needs one in every entry.
    if (persons(entry, where, problems) === 0 && feedAuthors === 0)
      problems.push(`${where}: no atom:author, and the feed has none`);
    const entryLinks = links(entry, where, problems);
    const content = children(entry, 'content')[0];
    // 4.1.2: no content means an alternate link; content with src or of a non-text type means a summary.
    if (content === undefined && !entryLinks.some((l) => attr(l, '@rel', 'alternate') === 'alternate'))
      problems.push(`${where}: no content and no alternate link`);
    if (content !== undefined) {
      const type = attr(content, '@type', 'text');
      const needsSummary =
        content['@src'] !== undefined ||
        (!['text', 'html', 'xhtml'].includes(type) && !/\+xml$|\/xml$|^text\//.test(type));
      if (needsSummary && children(entry, 'summary').length === 0)
        problems.push(`${where}: its content needs an atom:summary`);
    }
  });
  return problems;
}

/** The entries' ids, titles, updated times and alternate links, for tests that read a feed. */
export function atomEntries(
  xml: string,
): Array<{ id: string; title: string; updated: string; link: string; content: string }> {
  const [feed] = (parser.parse(xml) as { feed?: Node[] }).feed ?? [];
  return children(feed ?? {}, 'entry').map((entry) => ({
    id: textOf(children(entry, 'id')[0]).trim(),
    title: textOf(children(entry, 'title')[0]),
    updated: textOf(children(entry, 'updated')[0]).trim(),
    link: attr(children(entry, 'link').find((l) => attr(l, '@rel', 'alternate') === 'alternate') ?? {}, '@href'),
    content: textOf(children(entry, 'content')[0]),
  }));
}
