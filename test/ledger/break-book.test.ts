import { describe, expect, it } from 'vitest';
import { BreakBook } from '../../electron/ledger/break-book';

const b = (index: number, kind: 'content' | 'link' | 'rewritten' = 'content') => ({
  index,
  kind,
  detail: `${kind} at ${index}`,
});

describe('BreakBook', () => {
  it('merges chain and anchor breaks in index order, chain first at a shared index', () => {
    const book = new BreakBook();
    [b(2), b(9), b(9, 'link')].forEach((x) => book.addChain(x));
    book.replaceAnchors([b(9, 'rewritten'), b(4, 'rewritten')]);
    expect(book.all().map((x) => `${x.index}:${x.kind}`)).toEqual([
      '2:content',
      '4:rewritten',
      '9:content',
      '9:link',
      '9:rewritten',
    ]);
    expect(book.at(9).map((x) => x.kind)).toEqual(['content', 'link', 'rewritten']);
    expect(book.count).toBe(5);
  });
  it('a new anchor check replaces the previous one', () => {
    const book = new BreakBook();
    book.replaceAnchors([b(1, 'rewritten')]);
    book.replaceAnchors([b(3, 'rewritten')]);
    expect(book.all().map((x) => x.index)).toEqual([3]);
  });
  it('finds the next and previous break around an entry', () => {
    const book = new BreakBook();
    [b(2), b(9), b(9, 'link'), b(15)].forEach((x) => book.addChain(x));
    expect(book.find(-1, 'next')?.index).toBe(2);
    expect(book.find(2, 'next')?.index).toBe(9);
    expect(book.find(15, 'next')).toBeNull();
    expect(book.find(15, 'prev')).toMatchObject({ index: 9, kind: 'content' });
    expect(book.find(2, 'prev')).toBeNull();
  });
  it('keeps at most maxKept chain breaks and counts the rest', () => {
    const book = new BreakBook(3);
    for (let i = 0; i < 10; i++) book.addChain(b(i));
    expect(book.all()).toHaveLength(3);
    expect(book.omitted).toBe(7);
    expect(book.count).toBe(10);
  });
});
