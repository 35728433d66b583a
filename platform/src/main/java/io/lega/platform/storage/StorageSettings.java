package io.lega.platform.storage;

/**
 * Where a {@link Storage} keeps its objects: {@link S3Settings} or {@link PosixSettings}. {@link
 * Storages#create(StorageSettings)} opens the matching backend.
 */
public sealed interface StorageSettings permits S3Settings, PosixSettings {}
