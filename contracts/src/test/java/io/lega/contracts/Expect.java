package io.lega.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions that return the exception they expect, for further checks. */
final class Expect {

  private Expect() {}

  static MalformedMessageException malformed(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(MalformedMessageException.class);
    return (MalformedMessageException) thrown;
  }

  static InvalidMessageException invalid(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(InvalidMessageException.class);
    return (InvalidMessageException) thrown;
  }
}
