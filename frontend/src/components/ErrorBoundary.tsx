// Shows what went wrong in one part of the page, with a way to try again; what is not there
// (or not for this reader) says so.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { en } from '../i18n/en';
import { messageOf, rookeryErrorOf } from '../relay/errors';

interface Props {
  children: ReactNode;
  onRetry?: () => void;
  /** Told of every error caught, after it is shown. */
  onCaught?: (error: unknown) => void;
}

interface State {
  error: unknown;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(error, info.componentStack);
    this.props.onCaught?.(error);
  }

  private retry = () => {
    this.props.onRetry?.();
    this.setState({ error: null });
  };

  override render() {
    if (this.state.error === null) return this.props.children;
    const missing = rookeryErrorOf(this.state.error).code === 'NOT_FOUND';
    return (
      <div className="panel error-panel" role="alert">
        <h2>{missing ? en.app.notThere : en.app.somethingWentWrong}</h2>
        <p>{messageOf(this.state.error)}</p>
        <button type="button" className="button" onClick={this.retry}>
          {en.app.tryAgain}
        </button>
      </div>
    );
  }
}
