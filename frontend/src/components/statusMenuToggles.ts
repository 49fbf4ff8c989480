// The on/off mutations of a post's "more" menu: bookmark, pin, archive, mute.
import { graphql } from 'react-relay/hooks';
import { en } from '../i18n/en';
import type { TogglePair } from './useOptimisticToggle';

export type Flag = 'bookmarked' | 'pinned' | 'archived' | 'muted';

const bookmarkMutation = graphql`
  mutation StatusMenuBookmarkMutation($input: StatusActionInput!) {
    bookmark(input: $input) {
      status {
        id
        bookmarked
      }
    }
  }
`;

const unbookmarkMutation = graphql`
  mutation StatusMenuUnbookmarkMutation($input: StatusActionInput!) {
    unbookmark(input: $input) {
      status {
        id
        bookmarked
      }
    }
  }
`;

const pinMutation = graphql`
  mutation StatusMenuPinMutation($input: StatusActionInput!) {
    pin(input: $input) {
      status {
        id
        pinned
      }
    }
  }
`;

const unpinMutation = graphql`
  mutation StatusMenuUnpinMutation($input: StatusActionInput!) {
    unpin(input: $input) {
      status {
        id
        pinned
      }
    }
  }
`;

const archiveMutation = graphql`
  mutation StatusMenuArchiveMutation($input: StatusActionInput!) {
    archiveStatus(input: $input) {
      status {
        id
        archived
      }
    }
  }
`;

const unarchiveMutation = graphql`
  mutation StatusMenuUnarchiveMutation($input: StatusActionInput!) {
    unarchiveStatus(input: $input) {
      status {
        id
        archived
      }
    }
  }
`;

const muteMutation = graphql`
  mutation StatusMenuMuteMutation($input: StatusActionInput!) {
    muteConversation(input: $input) {
      status {
        id
        muted
      }
    }
  }
`;

const unmuteMutation = graphql`
  mutation StatusMenuUnmuteMutation($input: StatusActionInput!) {
    unmuteConversation(input: $input) {
      status {
        id
        muted
      }
    }
  }
`;

/** Each on/off item: its mutations, and what is said once done. */
export const toggles: Record<Flag, TogglePair & { done: string; undone: string }> = {
  bookmarked: {
    on: bookmarkMutation,
    off: unbookmarkMutation,
    done: en.statusMenu.bookmarkedDone,
    undone: en.statusMenu.unbookmarkedDone,
  },
  pinned: {
    on: pinMutation,
    off: unpinMutation,
    done: en.statusMenu.pinnedDone,
    undone: en.statusMenu.unpinnedDone,
  },
  archived: {
    on: archiveMutation,
    off: unarchiveMutation,
    done: en.statusMenu.archivedDone,
    undone: en.statusMenu.unarchivedDone,
  },
  muted: {
    on: muteMutation,
    off: unmuteMutation,
    done: en.statusMenu.mutedDone,
    undone: en.statusMenu.unmutedDone,
  },
};

