/** Where blocking code meets reactive code: one seam, {@link io.lega.platform.reactive.OnVertx}. */
package io.lega.platform.reactive;
