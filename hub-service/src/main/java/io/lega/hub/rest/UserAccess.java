package io.lega.hub.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that users call with their own password ({@code Authorization: Basic}) as well
 * as the admin with the admin token: {@link BearerTokenFilter} lets it through and the endpoint
 * identifies the caller with {@link Callers}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface UserAccess {}
