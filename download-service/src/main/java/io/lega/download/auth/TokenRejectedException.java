package io.lega.download.auth;

/**
 * A token failed a check. Thrown out of {@link PassportValidator} only for the Passport itself (the
 * caller answers 401); a visa that fails is ignored and listed in {@link
 * VerifiedPassport#ignored()}. The message is the problem's description and never contains the
 * token or its claims.
 */
public class TokenRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final TokenProblem problem;

  /**
   * @param problem what failed
   */
  public TokenRejectedException(TokenProblem problem) {
    super(problem.description());
    this.problem = problem;
  }

  /**
   * @param problem what failed
   * @param cause the library's exception (its message may quote claims: not for callers)
   */
  public TokenRejectedException(TokenProblem problem, Throwable cause) {
    super(problem.description(), cause);
    this.problem = problem;
  }

  /** What failed. */
  public TokenProblem problem() {
    return problem;
  }
}
