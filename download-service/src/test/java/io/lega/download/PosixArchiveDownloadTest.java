package io.lega.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.download.testing.ArchivedFiles.Archived;
import io.lega.download.testing.Profiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The downloads of {@link DownloadTestBase} from an archive in a folder; and plaintext delivery,
 * switched on here ({@code lega.download.plaintext.enabled=true}; off, it is a 404: see {@link
 * S3ArchiveDownloadTest}).
 */
@QuarkusTest
@TestProfile(Profiles.PosixArchive.class)
class PosixArchiveDownloadTest extends DownloadTestBase {

  @Test
  void switchedOnThePlaintextIsServedWholeOrByOneRange() throws Exception {
    Archived file = files.ready(SIZE);
    String dataset = files.released(file);
    String bearer = passports.bearer(user, dataset);
    String path = "files/" + file.accessionId() + "/plaintext";

    HttpResponse<byte[]> whole = http.get(path, "Authorization", bearer);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(file.plaintext());

    HttpResponse<byte[]> part =
        http.get(path, "Authorization", bearer, "Range", "bytes=65530-65545");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 65530-65545/" + SIZE);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(file.plaintext(), 65530, 65546));

    assertThat(
            http.get(path, "Authorization", passports.bearer(user, "EGAD00000000404")).statusCode())
        .isEqualTo(403);
  }
}
