package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.vmair.InputMode;
import java.util.Objects;

/**
 * The input a verifier expects the statement to be about, mode included, so that the mode is always a
 * decision of the verifier's caller: {@link #of(byte[])} "the outputs of the guest on these bytes", or
 * {@link #privateInput()} "the outputs of the guest on some input". There is no null for "no input":
 * forgetting the input cannot turn the first claim into the second.
 */
public sealed interface ExpectedInput {
  /** The input mode the statement must declare. */
  InputMode mode();

  /** A public input held as bytes (possibly empty: a guest that reads nothing). */
  static ExpectedInput of(byte[] input) {
    return new Public(InputView.ofBytes(Objects.requireNonNull(input, "input")));
  }

  /** A public input seen through a view (the prover's self-check of a streamed input it did not keep). */
  static ExpectedInput of(InputView view) {
    return new Public(Objects.requireNonNull(view, "view"));
  }

  /** A private-input statement: the verifier holds no input and checks none. */
  static ExpectedInput privateInput() {
    return Private.INSTANCE;
  }

  /** Public input: its digest and length must match the statement, and E_IN is checked against it. */
  record Public(InputView view) implements ExpectedInput {
    @Override
    public InputMode mode() {
      return InputMode.PUBLIC;
    }
  }

  /** Private input. */
  enum Private implements ExpectedInput {
    INSTANCE;

    @Override
    public InputMode mode() {
      return InputMode.PRIVATE;
    }
  }
}
