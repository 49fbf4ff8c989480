// The search field at the top of every page; it opens the search page with what was typed.
import { useId, useState, type FormEvent } from 'react';
import { en } from '../i18n/en';
import { navigate, searchPath, usePath, useSearchParam } from '../router';
import { SearchIcon } from './Icons';

export function SearchBox() {
  const path = usePath();
  const searched = useSearchParam('q') ?? '';
  const onSearchPage = path === '/search';
  const [text, setText] = useState(onSearchPage ? searched : '');
  const [shown, setShown] = useState(searched);
  const id = useId();

  // The field shows what the search page shows, also after going back or forward.
  if (onSearchPage && searched !== shown) {
    setShown(searched);
    setText(searched);
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = text.trim();
    if (query !== '') navigate(searchPath(query));
  };

  return (
    <form role="search" className="search-box" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {en.nav.searchField}
      </label>
      <input
        id={id}
        type="search"
        className="input search-box__input"
        value={text}
        placeholder={en.nav.search}
        enterKeyHint="search"
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button button--quiet search-box__button">
        <SearchIcon />
        <span className="visually-hidden">{en.nav.search}</span>
      </button>
    </form>
  );
}
