// ONNX Runtime, reached only through this module (docs/decisions/2026-12-02-neural-voice.md).
// The runtime is not linked: COnnxRuntime_load dlopen()s libonnxruntime.so from a path given
// at run time, so playbyplay builds and runs where it is absent.
//
// Every function that can fail returns 0 on success, else a code (an OrtErrorCode, or one of
// the COnnxRuntime_ERROR_ codes below) and sets *message to a malloc'ed text the caller frees
// with COnnxRuntime_freeMessage. Handles are opaque; each has one release function.
#pragma once
#include <stddef.h>
#include <stdint.h>

typedef struct COnnxRuntime_Env COnnxRuntime_Env;
typedef struct COnnxRuntime_Session COnnxRuntime_Session;
typedef struct COnnxRuntime_Value COnnxRuntime_Value;

/// The library could not be opened, or it has no OrtGetApiBase.
extern const int COnnxRuntime_ERROR_LIBRARY;
/// The library does not offer the API version this shim declares.
extern const int COnnxRuntime_ERROR_VERSION;
/// COnnxRuntime_load has not succeeded yet.
extern const int COnnxRuntime_ERROR_NOT_LOADED;

/// Element types (ONNXTensorElementDataType).
extern const int COnnxRuntime_FLOAT;
extern const int COnnxRuntime_INT64;

/// Opens the runtime at `path` and takes its API table. Once one load has succeeded, later
/// calls succeed without opening anything (one runtime per process). Thread-safe.
int COnnxRuntime_load(const char *path, char **message);

/// The loaded runtime's version ("1.28.2"), or NULL before a load.
const char *COnnxRuntime_version(void);

void COnnxRuntime_freeMessage(char *message);

/// An environment (logging at error level only). Thread-safe to share.
int COnnxRuntime_createEnv(const char *logid, COnnxRuntime_Env **out, char **message);
void COnnxRuntime_releaseEnv(COnnxRuntime_Env *env);

/// A session for the model file at `path`. `intraOpThreads` 1 runs each node on the calling
/// thread only; more use a pool of that size that does not spin while idle. `memoryArena` 0
/// frees the memory of each run when it ends (a smaller resident size between runs).
int COnnxRuntime_createSession(COnnxRuntime_Env *env, const char *path, int intraOpThreads, int memoryArena,
                               COnnxRuntime_Session **out, char **message);
void COnnxRuntime_releaseSession(COnnxRuntime_Session *session);

/// The session's input (or output) count and names; a name is malloc'ed, freed with free().
int COnnxRuntime_inputCount(const COnnxRuntime_Session *session, size_t *count, char **message);
int COnnxRuntime_outputCount(const COnnxRuntime_Session *session, size_t *count, char **message);
int COnnxRuntime_inputName(const COnnxRuntime_Session *session, size_t index, char **name, char **message);
int COnnxRuntime_outputName(const COnnxRuntime_Session *session, size_t index, char **name, char **message);

/// A CPU tensor over `data` (`bytes` long), which must outlive the value: the value does not
/// copy it. `shape` has `rank` dimensions (0 for a scalar).
int COnnxRuntime_createTensor(void *data, size_t bytes, const int64_t *shape, size_t rank, int elementType,
                              COnnxRuntime_Value **out, char **message);
void COnnxRuntime_releaseValue(COnnxRuntime_Value *value);

/// Runs the session: `outputs` (outputCount entries) receives new values, released by the
/// caller. Sessions may run on several threads at once.
int COnnxRuntime_run(COnnxRuntime_Session *session,
                     const char *const *inputNames, const COnnxRuntime_Value *const *inputs, size_t inputCount,
                     const char *const *outputNames, size_t outputCount, COnnxRuntime_Value **outputs,
                     char **message);

/// A tensor's element type, rank and shape (`shape` holds at most `maxRank` dimensions; *rank
/// may be larger), element count and data.
int COnnxRuntime_tensorInfo(const COnnxRuntime_Value *value, int *elementType, int64_t *shape, size_t maxRank,
                            size_t *rank, size_t *count, char **message);
int COnnxRuntime_tensorData(COnnxRuntime_Value *value, void **data, char **message);
