package io.lega.download;

import io.lega.download.testing.Profiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The downloads of {@link DownloadTestBase} from an archive in a folder. */
@QuarkusTest
@TestProfile(Profiles.PosixArchive.class)
class PosixArchiveDownloadTest extends DownloadTestBase {}
