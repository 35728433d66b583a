package io.lega.inbox.notify;

import io.lega.contracts.Checksum;
import io.lega.contracts.InboxRemove;
import io.lega.contracts.InboxRename;
import io.lega.contracts.InboxUpload;
import io.lega.contracts.IngestionUserError;
import io.lega.contracts.Message;
import io.lega.contracts.MessageCodec;
import io.lega.contracts.RoutingKeys;
import java.util.List;
import java.util.UUID;

/**
 * Turns inbox notifications into the protocol's messages ({@code files.inbox} upload, rename,
 * remove; {@code files.error} for user errors), checks each against its schema, and hands it to a
 * {@link MessageSender} with the file's id as correlation id. Any failure, including an invalid
 * message, becomes a {@link NotificationException}: the SFTP client then sees the operation fail.
 */
public final class ContractInboxNotifier implements InboxNotifier {

  private final MessageCodec codec;
  private final MessageSender sender;

  public ContractInboxNotifier(MessageCodec codec, MessageSender sender) {
    this.codec = codec;
    this.sender = sender;
  }

  @Override
  public void uploaded(UploadedFile file) throws NotificationException {
    send(
        RoutingKeys.FILES_INBOX,
        file.fileId(),
        new InboxUpload(
            file.user(),
            file.filepath(),
            file.filesize(),
            file.lastModified(),
            checksums(file.checksums())));
  }

  @Override
  public void renamed(RenamedFile file) throws NotificationException {
    send(
        RoutingKeys.FILES_INBOX,
        file.fileId(),
        new InboxRename(file.user(), file.filepath(), file.oldpath()));
  }

  @Override
  public void removed(RemovedFile file) throws NotificationException {
    send(RoutingKeys.FILES_INBOX, file.fileId(), new InboxRemove(file.user(), file.filepath()));
  }

  @Override
  public void userError(InboxUserError error) throws NotificationException {
    send(
        RoutingKeys.FILES_ERROR,
        error.fileId(),
        new IngestionUserError(
            error.user(),
            error.filepath(),
            error.reason(),
            error.checksums().map(ContractInboxNotifier::checksums).orElse(List.of())));
  }

  private static List<Checksum> checksums(FileChecksums checksums) {
    return List.of(Checksum.sha256(checksums.sha256()), Checksum.md5(checksums.md5()));
  }

  private void send(String routingKey, UUID fileId, Message message) throws NotificationException {
    byte[] body;
    try {
      body = codec.encode(message);
    } catch (RuntimeException e) {
      throw new NotificationException("refusing to send an invalid " + routingKey + " message", e);
    }
    try {
      sender.send(routingKey, fileId.toString(), body);
    } catch (Exception e) {
      throw new NotificationException(
          routingKey + " message " + fileId + " was not accepted by the broker", e);
    }
  }
}
