package dev.zisk4j.cluster.coordinator;

import com.google.protobuf.Any;
import dev.zisk4j.proto.coordinator.v1.ApiError;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * The client API's error codes (spec §3.2): a gRPC status with the numeric {@link ApiError}
 * attached in {@code grpc-status-details-bin} (errata: upstream does not attach it; we do).
 */
enum ApiErrors {
  JOB_NOT_FOUND(1001, io.grpc.Status.Code.NOT_FOUND),
  PROGRAM_NOT_FOUND(1002, io.grpc.Status.Code.NOT_FOUND),
  PROGRAM_NOT_SETUP(1003, io.grpc.Status.Code.NOT_FOUND),
  INVALID_JOB_STATE(1004, io.grpc.Status.Code.INVALID_ARGUMENT),
  INVALID_PROOF_CONVERSION(1005, io.grpc.Status.Code.INVALID_ARGUMENT),
  CLUSTER_UNAVAILABLE(2001, io.grpc.Status.Code.UNAVAILABLE),
  INTERNAL(3001, io.grpc.Status.Code.INTERNAL);

  final int code;
  final io.grpc.Status.Code status;

  ApiErrors(int code, io.grpc.Status.Code status) {
    this.code = code;
    this.status = status;
  }

  StatusRuntimeException exception(String message) {
    ApiError e = ApiError.newBuilder().setCode(code).setName(name()).setMessage(message).build();
    com.google.rpc.Status s = com.google.rpc.Status.newBuilder().setCode(status.value()).setMessage(message)
        .addDetails(Any.pack(e)).build();
    return StatusProto.toStatusRuntimeException(s);
  }
}
