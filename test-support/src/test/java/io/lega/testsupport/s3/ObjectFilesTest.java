package io.lega.testsupport.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link ObjectFiles} assembles multipart uploads: in place (completion is a rename) when the
 * parts come in one size, joined by a copy otherwise; the object is the listed parts' bytes either
 * way.
 */
class ObjectFilesTest {
  private static final int PART = 64 * 1024;

  @TempDir Path root;
  private ObjectFiles files;

  @BeforeEach
  void setUp() throws Exception {
    files = new ObjectFiles(root);
    files.createBucket("bucket");
  }

  @Test
  void partsOfOneSizeBecomeTheObjectWithoutACopy() throws Exception {
    String id = files.createUpload("bucket", "key");
    byte[][] parts = {bytes(1, PART), bytes(2, PART), bytes(3, PART), bytes(4, 1000)};
    List<ObjectFiles.PartRef> refs = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      refs.add(put(id, i + 1, parts[i]));
    }
    Object dataFile = fileKey(root.resolve("bucket/uploads").resolve(id).resolve("data"));

    ObjectFiles.Info info = files.complete("bucket", "key", id, refs);

    assertThat(info.size()).isEqualTo(3L * PART + 1000);
    assertThat(read("key")).isEqualTo(concat(parts));
    assertThat(fileKey(objectFile("key")))
        .as("the upload's data file, renamed")
        .isEqualTo(dataFile);
    assertThat(files.uploads("bucket")).isEmpty();
    assertThat(root.resolve("bucket/uploads").resolve(id)).doesNotExist();
  }

  @Test
  void partsArrivingInAnyOrderFromManyThreadsAssembleInOrder() throws Exception {
    String id = files.createUpload("bucket", "key");
    int count = 12;
    byte[][] parts = new byte[count][];
    for (int i = 0; i < count; i++) {
      parts[i] = bytes(10 + i, i == count - 1 ? 777 : PART);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = count; i >= 1; i--) {
      order.add(i);
    }
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<ObjectFiles.PartRef>> puts = new ArrayList<>();
      // part 1 first, so the part size is the common one; the others in reverse order at once
      puts.add(threads.submit(() -> put(id, 1, parts[0])));
      puts.get(0).get();
      for (int number : order.subList(0, count - 1)) {
        puts.add(threads.submit(() -> put(id, number, parts[number - 1])));
      }
      List<ObjectFiles.PartRef> refs = new ArrayList<>();
      for (Future<ObjectFiles.PartRef> put : puts) {
        refs.add(put.get());
      }
      refs.sort((a, b) -> Integer.compare(a.number(), b.number()));
      files.complete("bucket", "key", id, refs);
    } finally {
      threads.shutdown();
    }
    assertThat(read("key")).isEqualTo(concat(parts));
  }

  @Test
  void theLastPartArrivingFirstStillGivesTheRightObject() throws Exception {
    String id = files.createUpload("bucket", "key");
    byte[] first = bytes(5, PART);
    byte[] second = bytes(6, PART);
    byte[] last = bytes(7, 100);
    ObjectFiles.PartRef refLast = put(id, 3, last); // sets the part size to 100
    ObjectFiles.PartRef ref1 = put(id, 1, first);
    ObjectFiles.PartRef ref2 = put(id, 2, second);

    files.complete("bucket", "key", id, List.of(ref1, ref2, refLast));

    assertThat(read("key")).isEqualTo(concat(first, second, last));
  }

  @Test
  void aGapInThePartNumbersJoinsTheListedPartsOnly() throws Exception {
    String id = files.createUpload("bucket", "key");
    byte[] one = bytes(8, PART);
    byte[] two = bytes(9, PART);
    byte[] three = bytes(10, PART);
    ObjectFiles.PartRef ref1 = put(id, 1, one);
    put(id, 2, two);
    ObjectFiles.PartRef ref3 = put(id, 3, three);

    files.complete("bucket", "key", id, List.of(ref1, ref3));

    assertThat(read("key")).isEqualTo(concat(one, three));
  }

  @Test
  void aPartUploadedAgainReplacesTheEarlierOneWhoseETagNoLongerCompletes() throws Exception {
    String id = files.createUpload("bucket", "key");
    byte[] one = bytes(11, PART);
    byte[] before = bytes(12, PART);
    byte[] after = bytes(13, PART);
    ObjectFiles.PartRef ref1 = put(id, 1, one);
    ObjectFiles.PartRef old = put(id, 2, before);
    ObjectFiles.PartRef again = put(id, 2, after);

    assertThatThrownBy(() -> files.complete("bucket", "key", id, List.of(ref1, old)))
        .isInstanceOfSatisfying(S3Error.class, e -> assertThat(e.code()).isEqualTo("InvalidPart"));
    files.complete("bucket", "key", id, List.of(ref1, again));

    assertThat(read("key")).isEqualTo(concat(one, after));
  }

  @Test
  void aPartThatFailsMidwayIsNotUploadedAndTheOthersStand() throws Exception {
    String id = files.createUpload("bucket", "key");
    byte[] one = bytes(14, PART);
    byte[] two = bytes(15, PART);
    ObjectFiles.PartRef ref1 = put(id, 1, one);
    ObjectFiles.PartRef ref2 = put(id, 2, two);
    // part 2 sent again, cut off after half its bytes: the earlier part 2 is gone with it
    assertThatThrownBy(
            () ->
                files.putPart(
                    "bucket",
                    "key",
                    id,
                    2,
                    new ByteArrayInputStream(bytes(16, PART / 2)),
                    PART,
                    null))
        .isInstanceOfSatisfying(
            S3Error.class, e -> assertThat(e.code()).isEqualTo("IncompleteBody"));

    assertThatThrownBy(() -> files.complete("bucket", "key", id, List.of(ref1, ref2)))
        .isInstanceOfSatisfying(S3Error.class, e -> assertThat(e.code()).isEqualTo("InvalidPart"));
    ObjectFiles.PartRef retried = put(id, 2, two);
    files.complete("bucket", "key", id, List.of(ref1, retried));
    assertThat(read("key")).isEqualTo(concat(one, two));
  }

  @Test
  void noPartIsTakenAfterTheUploadIsCompletedOrAborted() throws Exception {
    String done = files.createUpload("bucket", "done");
    ObjectFiles.PartRef ref = put(done, "done", 1, bytes(17, PART));
    files.complete("bucket", "done", done, List.of(ref));
    String aborted = files.createUpload("bucket", "aborted");
    put(aborted, "aborted", 1, bytes(18, PART));
    files.abort("bucket", "aborted", aborted);

    for (String[] upload :
        List.of(new String[] {done, "done"}, new String[] {aborted, "aborted"})) {
      assertThatThrownBy(() -> put(upload[0], upload[1], 2, bytes(19, PART)))
          .isInstanceOfSatisfying(
              S3Error.class, e -> assertThat(e.code()).isEqualTo("NoSuchUpload"));
    }
    assertThat(read("done")).isEqualTo(bytes(17, PART));
    assertThat(files.stat("bucket", "aborted")).isEmpty();
    try (Stream<Path> left = Files.list(root.resolve("bucket/uploads"))) {
      assertThat(left).isEmpty();
    }
    try (Stream<Path> left = Files.list(root.resolve("bucket/tmp"))) {
      assertThat(left).as("no temporary file left").isEmpty();
    }
  }

  private ObjectFiles.PartRef put(String id, int number, byte[] data) throws Exception {
    return put(id, "key", number, data);
  }

  private ObjectFiles.PartRef put(String id, String key, int number, byte[] data) throws Exception {
    String etag =
        files.putPart(
            "bucket",
            key,
            id,
            number,
            new ByteArrayInputStream(data),
            data.length,
            SigV4.sha256Hex(data));
    return new ObjectFiles.PartRef(number, "\"" + etag + "\"");
  }

  private byte[] read(String key) throws Exception {
    try (FileChannel channel = files.open("bucket", key);
        InputStream in = Channels.newInputStream(channel)) {
      return in.readAllBytes();
    }
  }

  private Path objectFile(String key) {
    return root.resolve("bucket/objects").resolve(FileNames.encode(key));
  }

  private static Object fileKey(Path file) throws Exception {
    return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
  }

  private static byte[] bytes(int seed, int length) {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Arrays.stream(parts).forEach(out::writeBytes);
    return out.toByteArray();
  }
}
