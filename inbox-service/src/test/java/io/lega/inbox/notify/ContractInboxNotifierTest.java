package io.lega.inbox.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lega.contracts.Checksum;
import io.lega.contracts.InboxRemove;
import io.lega.contracts.InboxRename;
import io.lega.contracts.InboxUpload;
import io.lega.contracts.IngestionUserError;
import io.lega.contracts.MessageCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContractInboxNotifierTest {

  private static final FileChecksums SUMS =
      new FileChecksums(
          "82e4e60e7beb3db2e06a00a079788f7d71f75b61a4b75f28c4c942703dabb6d6",
          "d41d8cd98f00b204e9800998ecf8427e");

  private record Sent(String routingKey, String correlationId, byte[] body) {}

  private final List<Sent> sent = new ArrayList<>();
  private final MessageCodec codec = MessageCodec.shared();
  private final ContractInboxNotifier notifier =
      new ContractInboxNotifier(codec, (key, id, body) -> sent.add(new Sent(key, id, body)));

  @Test
  void uploadIsAFilesInboxMessageWithTheFileIdAsCorrelationId() throws Exception {
    UUID id = UUID.randomUUID();

    notifier.uploaded(new UploadedFile(id, "alice", "run1/a.c4gh", 1234, 1700000000, SUMS));

    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).routingKey()).isEqualTo("files.inbox");
    assertThat(sent.get(0).correlationId()).isEqualTo(id.toString());
    InboxUpload upload = (InboxUpload) codec.decodeInbox(sent.get(0).body());
    assertThat(upload.user()).isEqualTo("alice");
    assertThat(upload.filepath()).isEqualTo("run1/a.c4gh");
    assertThat(upload.filesize()).isEqualTo(1234L);
    assertThat(upload.fileLastModified()).isEqualTo(1700000000L);
    assertThat(upload.encryptedChecksums())
        .containsExactly(Checksum.sha256(SUMS.sha256()), Checksum.md5(SUMS.md5()));
    JsonNode json = json(sent.get(0).body());
    assertThat(json.get("operation").asText()).isEqualTo("upload");
    assertThat(json.has("file_last_modified")).isTrue();
    assertThat(json.has("encrypted_checksums")).isTrue();
  }

  @Test
  void renameAndRemove() throws Exception {
    UUID id = UUID.randomUUID();

    notifier.renamed(new RenamedFile(id, "alice", "b.c4gh", "a.c4gh"));
    notifier.removed(new RemovedFile(id, "alice", "b.c4gh"));

    assertThat(sent).extracting(Sent::routingKey).containsExactly("files.inbox", "files.inbox");
    assertThat(sent).extracting(Sent::correlationId).containsOnly(id.toString());
    assertThat(codec.decodeInbox(sent.get(0).body()))
        .isEqualTo(new InboxRename("alice", "b.c4gh", "a.c4gh"));
    assertThat(codec.decodeInbox(sent.get(1).body())).isEqualTo(new InboxRemove("alice", "b.c4gh"));
  }

  @Test
  void userErrorGoesToFilesError() throws Exception {
    UUID id = UUID.randomUUID();

    notifier.userError(
        new InboxUserError(
            id, "alice", "x.bam", "x.bam is not a Crypt4GH file: ...", Optional.of(SUMS)));

    assertThat(sent.get(0).routingKey()).isEqualTo("files.error");
    IngestionUserError error =
        (IngestionUserError) codec.decodeNodeToHub("files.error", sent.get(0).body());
    assertThat(error.reason()).isEqualTo("x.bam is not a Crypt4GH file: ...");
    assertThat(error.encryptedChecksums()).hasSize(2);
  }

  @Test
  void brokerRefusalIsANotificationException() {
    ContractInboxNotifier down =
        new ContractInboxNotifier(
            codec,
            (key, id, body) -> {
              throw new IOException("connection refused");
            });

    assertThatThrownBy(() -> down.removed(new RemovedFile(UUID.randomUUID(), "alice", "gone.c4gh")))
        .isInstanceOf(NotificationException.class)
        .hasRootCauseMessage("connection refused");
  }

  private static JsonNode json(byte[] body) throws IOException {
    return new ObjectMapper().readTree(body);
  }
}
