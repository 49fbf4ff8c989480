// The on/off mutations of a post's "more" menu: bookmark, pin, archive, mute.
import { graphql } from 'react-relay/hooks';
import type { GraphQLTaggedNode } from 'relay-runtime';
import { en } from '../i18n/en';

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

/** The shape every on/off mutation here shares: one root field returning the status. */
export interface ToggleMutation {
  variables: { input: { statusId: string } };
  response: Record<string, { status: { id: string } } | undefined>;
  rawResponse: Record<string, { status: Record<string, unknown> } | undefined>;
}

/** Each on/off item: its mutations (and their root fields), and what is said once done. */
export const toggles: Record<
  Flag,
  { on: GraphQLTaggedNode; onField: string; off: GraphQLTaggedNode; offField: string; done: string; undone: string }
> = {
  bookmarked: {
    on: bookmarkMutation,
    onField: 'bookmark',
    off: unbookmarkMutation,
    offField: 'unbookmark',
    done: en.statusMenu.bookmarkedDone,
    undone: en.statusMenu.unbookmarkedDone,
  },
  pinned: {
    on: pinMutation,
    onField: 'pin',
    off: unpinMutation,
    offField: 'unpin',
    done: en.statusMenu.pinnedDone,
    undone: en.statusMenu.unpinnedDone,
  },
  archived: {
    on: archiveMutation,
    onField: 'archiveStatus',
    off: unarchiveMutation,
    offField: 'unarchiveStatus',
    done: en.statusMenu.archivedDone,
    undone: en.statusMenu.unarchivedDone,
  },
  muted: {
    on: muteMutation,
    onField: 'muteConversation',
    off: unmuteMutation,
    offField: 'unmuteConversation',
    done: en.statusMenu.mutedDone,
    undone: en.statusMenu.unmutedDone,
  },
};

