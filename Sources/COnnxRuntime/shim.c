#include "COnnxRuntime.h"
#include "OrtApiPrefix.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const int COnnxRuntime_ERROR_LIBRARY = -1;
const int COnnxRuntime_ERROR_VERSION = -2;
const int COnnxRuntime_ERROR_NOT_LOADED = -3;
const int COnnxRuntime_FLOAT = 1;
const int COnnxRuntime_INT64 = 7;

// Set once, under the lock, by the first successful load; read freely after that (a pointer
// store published by the mutex; never changed again).
static pthread_mutex_t loadLock = PTHREAD_MUTEX_INITIALIZER;
static const OrtApi *api;
static const OrtApiBase *apiBase;
static OrtMemoryInfo *cpuMemory;

static char *copied(const char *text) {
    char *out = malloc(strlen(text) + 1);
    if (out) strcpy(out, text);
    return out;
}

static int fail(int code, const char *text, char **message) {
    if (message) *message = copied(text);
    return code;
}

/// Turns a status into the code and message, releasing it.
static int check(OrtStatus *status, char **message) {
    if (!status) return 0;
    int code = api->GetErrorCode(status);
    if (message) *message = copied(api->GetErrorMessage(status));
    api->ReleaseStatus(status);
    return code == 0 ? 1 : code;
}

int COnnxRuntime_load(const char *path, char **message) {
    pthread_mutex_lock(&loadLock);
    if (api) {
        pthread_mutex_unlock(&loadLock);
        return 0;
    }
    // RTLD_LOCAL: its symbols (a bundled protobuf, among others) stay out of the global scope.
    void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *why = dlerror();
        pthread_mutex_unlock(&loadLock);
        return fail(COnnxRuntime_ERROR_LIBRARY, why ? why : "dlopen failed", message);
    }
    const OrtApiBase *(*getBase)(void) = (const OrtApiBase *(*)(void))dlsym(library, "OrtGetApiBase");
    const OrtApiBase *base = getBase ? getBase() : NULL;
    if (!base) {
        dlclose(library);
        pthread_mutex_unlock(&loadLock);
        return fail(COnnxRuntime_ERROR_LIBRARY, "the library has no OrtGetApiBase: not ONNX Runtime", message);
    }
    const OrtApi *table = base->GetApi(ORT_SHIM_API_VERSION);
    if (!table) {
        char text[160];
        snprintf(text, sizeof text, "ONNX Runtime %s does not offer API version %d", base->GetVersionString(),
                 ORT_SHIM_API_VERSION);
        dlclose(library);
        pthread_mutex_unlock(&loadLock);
        return fail(COnnxRuntime_ERROR_VERSION, text, message);
    }
    OrtMemoryInfo *memory = NULL;
    OrtStatus *status = table->CreateCpuMemoryInfo(OrtDeviceAllocator, OrtMemTypeDefault, &memory);
    if (status) {
        char *why = copied(table->GetErrorMessage(status));
        table->ReleaseStatus(status);
        dlclose(library);
        pthread_mutex_unlock(&loadLock);
        if (message) *message = why; else free(why);
        return COnnxRuntime_ERROR_LIBRARY;
    }
    // The library stays open for the life of the process: sessions and values point into it.
    cpuMemory = memory;
    apiBase = base;
    api = table;
    pthread_mutex_unlock(&loadLock);
    return 0;
}

static int loaded(char **message) {
    pthread_mutex_lock(&loadLock);
    int ok = api != NULL;
    pthread_mutex_unlock(&loadLock);
    return ok ? 0 : fail(COnnxRuntime_ERROR_NOT_LOADED, "ONNX Runtime is not loaded", message);
}

const char *COnnxRuntime_version(void) {
    return loaded(NULL) == 0 ? apiBase->GetVersionString() : NULL;
}

void COnnxRuntime_freeMessage(char *message) { free(message); }

int COnnxRuntime_createEnv(const char *logid, COnnxRuntime_Env **out, char **message) {
    int code = loaded(message);
    if (code) return code;
    OrtEnv *env = NULL;
    code = check(api->CreateEnv(ORT_LOGGING_LEVEL_ERROR, logid, &env), message);
    if (code == 0) *out = (COnnxRuntime_Env *)env;
    return code;
}

void COnnxRuntime_releaseEnv(COnnxRuntime_Env *env) {
    if (env && api) api->ReleaseEnv((OrtEnv *)env);
}

int COnnxRuntime_createSession(COnnxRuntime_Env *env, const char *path, int intraOpThreads, int memoryArena,
                               COnnxRuntime_Session **out, char **message) {
    int code = loaded(message);
    if (code) return code;
    OrtSessionOptions *options = NULL;
    if ((code = check(api->CreateSessionOptions(&options), message))) return code;
    int threads = intraOpThreads < 1 ? 1 : intraOpThreads;
    code = check(api->SetIntraOpNumThreads(options, threads), message);
    if (!code) code = check(api->SetInterOpNumThreads(options, 1), message);
    if (!code) code = check(api->SetSessionGraphOptimizationLevel(options, ORT_ENABLE_ALL), message);
    // Idle pool threads would otherwise spin, taking a core from the rest of the pipeline.
    if (!code) code = check(api->AddSessionConfigEntry(options, "session.intra_op.allow_spinning", "0"), message);
    if (!code && !memoryArena) code = check(api->DisableCpuMemArena(options), message);
    OrtSession *session = NULL;
    if (!code) code = check(api->CreateSession((const OrtEnv *)env, path, options, &session), message);
    api->ReleaseSessionOptions(options);
    if (code == 0) *out = (COnnxRuntime_Session *)session;
    return code;
}

void COnnxRuntime_releaseSession(COnnxRuntime_Session *session) {
    if (session && api) api->ReleaseSession((OrtSession *)session);
}

int COnnxRuntime_inputCount(const COnnxRuntime_Session *session, size_t *count, char **message) {
    return check(api->SessionGetInputCount((const OrtSession *)session, count), message);
}

int COnnxRuntime_outputCount(const COnnxRuntime_Session *session, size_t *count, char **message) {
    return check(api->SessionGetOutputCount((const OrtSession *)session, count), message);
}

static int name(const COnnxRuntime_Session *session, size_t index, int output, char **out, char **message) {
    OrtAllocator *allocator = NULL;
    int code = check(api->GetAllocatorWithDefaultOptions(&allocator), message);
    if (code) return code;
    char *value = NULL;
    code = output ? check(api->SessionGetOutputName((const OrtSession *)session, index, allocator, &value), message)
                  : check(api->SessionGetInputName((const OrtSession *)session, index, allocator, &value), message);
    if (code) return code;
    *out = copied(value);
    (void)check(api->AllocatorFree(allocator, value), NULL);
    return 0;
}

int COnnxRuntime_inputName(const COnnxRuntime_Session *session, size_t index, char **out, char **message) {
    return name(session, index, 0, out, message);
}

int COnnxRuntime_outputName(const COnnxRuntime_Session *session, size_t index, char **out, char **message) {
    return name(session, index, 1, out, message);
}

int COnnxRuntime_createTensor(void *data, size_t bytes, const int64_t *shape, size_t rank, int elementType,
                              COnnxRuntime_Value **out, char **message) {
    int code = loaded(message);
    if (code) return code;
    OrtValue *value = NULL;
    code = check(api->CreateTensorWithDataAsOrtValue(cpuMemory, data, bytes, shape, rank, elementType, &value), message);
    if (code == 0) *out = (COnnxRuntime_Value *)value;
    return code;
}

void COnnxRuntime_releaseValue(COnnxRuntime_Value *value) {
    if (value && api) api->ReleaseValue((OrtValue *)value);
}

int COnnxRuntime_run(COnnxRuntime_Session *session,
                     const char *const *inputNames, const COnnxRuntime_Value *const *inputs, size_t inputCount,
                     const char *const *outputNames, size_t outputCount, COnnxRuntime_Value **outputs,
                     char **message) {
    for (size_t i = 0; i < outputCount; i++) outputs[i] = NULL;
    return check(api->Run((OrtSession *)session, NULL, inputNames, (const OrtValue *const *)inputs, inputCount,
                          outputNames, outputCount, (OrtValue **)outputs), message);
}

int COnnxRuntime_tensorInfo(const COnnxRuntime_Value *value, int *elementType, int64_t *shape, size_t maxRank,
                            size_t *rank, size_t *count, char **message) {
    OrtTensorTypeAndShapeInfo *info = NULL;
    int code = check(api->GetTensorTypeAndShape((const OrtValue *)value, &info), message);
    if (code) return code;
    code = check(api->GetTensorElementType(info, elementType), message);
    if (!code) code = check(api->GetDimensionsCount(info, rank), message);
    if (!code) code = check(api->GetDimensions(info, shape, *rank < maxRank ? *rank : maxRank), message);
    if (!code) code = check(api->GetTensorShapeElementCount(info, count), message);
    api->ReleaseTensorTypeAndShapeInfo(info);
    return code;
}

int COnnxRuntime_tensorData(COnnxRuntime_Value *value, void **data, char **message) {
    return check(api->GetTensorMutableData((OrtValue *)value, data), message);
}
