package io.lega.testsupport.s3;

/**
 * A refusal in the S3 API's terms: the HTTP status and the error code clients match on.
 *
 * @param status the HTTP status
 * @param code the S3 error code ({@code NoSuchKey}, {@code SignatureDoesNotMatch}, ...)
 */
final class S3Error extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  S3Error(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  static S3Error noSuchKey(String key) {
    return new S3Error(404, "NoSuchKey", "The specified key does not exist: " + key);
  }

  static S3Error noSuchBucket(String bucket) {
    return new S3Error(404, "NoSuchBucket", "The specified bucket does not exist: " + bucket);
  }

  static S3Error noSuchUpload() {
    return new S3Error(404, "NoSuchUpload", "The specified multipart upload does not exist");
  }

  static S3Error badRequest(String code, String message) {
    return new S3Error(400, code, message);
  }

  static S3Error denied(String code, String message) {
    return new S3Error(403, code, message);
  }
}
