/**
 * The RPC contracts of the compute family (compute-api, conductor, scheduler, compute agents): the interfaces
 * each service serves and the records that travel. Records mirror Nova's objects (instance, flavor, image
 * meta, request spec, selection, host state) in the fields the services need, named in Nova's words.
 * Wire names are snake_case method names; changing a record in a way old peers cannot read needs a new major
 * API version.
 */
package io.jstack.common.compute;
