package io.lega.contracts;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** A valid record and a valid JSON body for every message type, written independently. */
final class Samples {

  static final ObjectMapper JSON = new ObjectMapper();

  static final String SHA256 = "82e4e60e7beb3db2e06a00a079788f7d71f75b61a4b75f28c4c942703dabb6d6";
  static final String MD5 = "7ac236b1a8dce2dac89e7cf45d2b48bd";
  static final String PLAIN_SHA256 =
      "50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c";
  static final String PLAIN_MD5 = "d41d8cd98f00b204e9800998ecf8427e";
  static final String FILE_ID = "3f1d7c2e-8b4a-4e7f-9c3d-2a1b0c9d8e7f";

  static final List<Checksum> ENCRYPTED = List.of(Checksum.sha256(SHA256), Checksum.md5(MD5));
  static final List<Checksum> DECRYPTED =
      List.of(Checksum.sha256(PLAIN_SHA256), Checksum.md5(PLAIN_MD5));

  private Samples() {}

  static Message record(MessageType type) {
    return switch (type) {
      case INBOX_UPLOAD ->
          new InboxUpload("alice", "run1/sample.bam.c4gh", 2048L, 1717171717L, ENCRYPTED);
      case INBOX_RENAME -> new InboxRename("alice", "run1/sample.bam.c4gh", "tmp/sample.bam.c4gh");
      case INBOX_REMOVE -> new InboxRemove("alice", "run1/sample.bam.c4gh");
      case ACCESSION_REQUEST -> new AccessionRequest("alice", "run1/sample.bam.c4gh", DECRYPTED);
      case INGESTION_COMPLETION ->
          new IngestionCompletion("alice", "run1/sample.bam.c4gh", "EGAF00000000001", DECRYPTED);
      case INGESTION_USER_ERROR ->
          new IngestionUserError(
              "alice", "run1/sample.bam.c4gh", "the file is not Crypt4GH", ENCRYPTED);
      case INGESTION_TRIGGER -> new IngestionTrigger("alice", "run1/sample.bam.c4gh", ENCRYPTED);
      case INGESTION_CANCEL -> new IngestionCancel("alice", "run1/sample.bam.c4gh");
      case INGESTION_ACCESSION ->
          new IngestionAccession("alice", "run1/sample.bam.c4gh", "EGAF00000000001", DECRYPTED);
      case DATASET_MAPPING ->
          new DatasetMapping("EGAD00000000001", List.of("EGAF00000000001", "EGAF00000000002"));
      case DATASET_RELEASE -> new DatasetRelease("EGAD00000000001");
      case DATASET_DEPRECATE -> new DatasetDeprecate("EGAD00000000001");
      case PERMISSION -> new PermissionGranted("EGAD00000000001", "bob", 1893456000L);
      case PERMISSION_DELETED -> new PermissionDeleted("EGAD00000000001", "bob");
      case FILE_ARCHIVED ->
          new FileArchived(FILE_ID, "alice", "run1/sample.bam.c4gh", FILE_ID, ENCRYPTED, true);
    };
  }

  static String text(MessageType type) {
    String enc =
        """
        [{"type":"sha256","value":"%s"},{"type":"md5","value":"%s"}]"""
            .formatted(SHA256, MD5);
    String dec =
        """
        [{"type":"sha256","value":"%s"},{"type":"md5","value":"%s"}]"""
            .formatted(PLAIN_SHA256, PLAIN_MD5);
    return switch (type) {
      case INBOX_UPLOAD ->
          """
          {"user":"alice","filepath":"run1/sample.bam.c4gh","operation":"upload","filesize":2048,
           "file_last_modified":1717171717,"encrypted_checksums":%s}"""
              .formatted(enc);
      case INBOX_RENAME ->
          """
          {"user":"alice","filepath":"run1/sample.bam.c4gh","oldpath":"tmp/sample.bam.c4gh",
           "operation":"rename"}""";
      case INBOX_REMOVE ->
          """
          {"user":"alice","filepath":"run1/sample.bam.c4gh","operation":"remove"}""";
      case ACCESSION_REQUEST ->
          """
          {"user":"alice","filepath":"run1/sample.bam.c4gh","decrypted_checksums":%s}"""
              .formatted(dec);
      case INGESTION_COMPLETION ->
          """
          {"user":"alice","filepath":"run1/sample.bam.c4gh","accession_id":"EGAF00000000001",
           "decrypted_checksums":%s}"""
              .formatted(dec);
      case INGESTION_USER_ERROR ->
          """
          {"user":"alice","filepath":"run1/sample.bam.c4gh","reason":"the file is not Crypt4GH",
           "encrypted_checksums":%s}"""
              .formatted(enc);
      case INGESTION_TRIGGER ->
          """
          {"type":"ingest","user":"alice","filepath":"run1/sample.bam.c4gh","encrypted_checksums":%s}"""
              .formatted(enc);
      case INGESTION_CANCEL ->
          """
          {"type":"cancel","user":"alice","filepath":"run1/sample.bam.c4gh"}""";
      case INGESTION_ACCESSION ->
          """
          {"type":"accession","user":"alice","filepath":"run1/sample.bam.c4gh",
           "accession_id":"EGAF00000000001","decrypted_checksums":%s}"""
              .formatted(dec);
      case DATASET_MAPPING ->
          """
          {"type":"mapping","dataset_id":"EGAD00000000001",
           "accession_ids":["EGAF00000000001","EGAF00000000002"]}""";
      case DATASET_RELEASE ->
          """
          {"type":"release","dataset_id":"EGAD00000000001"}""";
      case DATASET_DEPRECATE ->
          """
          {"type":"deprecate","dataset_id":"EGAD00000000001"}""";
      case PERMISSION ->
          """
          {"type":"permission","dataset_id":"EGAD00000000001","user":"bob","expires_at":1893456000}""";
      case PERMISSION_DELETED ->
          """
          {"type":"permission.deleted","dataset_id":"EGAD00000000001","user":"bob"}""";
      case FILE_ARCHIVED ->
          """
          {"file_id":"%s","user":"alice","filepath":"run1/sample.bam.c4gh","archive_path":"%s",
           "encrypted_checksums":%s,"re_verify":true}"""
              .formatted(FILE_ID, FILE_ID, enc);
    };
  }

  static ObjectNode json(MessageType type) {
    return (ObjectNode) tree(text(type));
  }

  static JsonNode tree(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(JsonNode node) {
    return node.toString().getBytes(UTF_8);
  }

  static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  static ObjectNode schema(String resource) {
    try (InputStream in = Samples.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode schema(MessageType type) {
    return schema(type.schemaResource());
  }
}
