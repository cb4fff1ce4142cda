// The part of ONNX Runtime's C API that playbyplay uses, declared here so the build needs no
// ONNX Runtime header or library: the library is dlopen'ed at run time (see shim.c).
//
// `OrtApi` is a table of function pointers that ONNX Runtime only ever appends to (its ABI
// promise), so a prefix of it, in the header's order, is valid for every later runtime. The
// slots below follow onnxruntime_c_api.h (include/onnxruntime/core/session/) of API version 13;
// a slot this shim never calls is a `void *`, numbered so the order can be checked by eye.
// The tests run real models through it (Silero VAD, a Piper voice): a slot out of place fails
// them at once.
#pragma once
#include <stddef.h>
#include <stdint.h>

#define ORT_SHIM_API_VERSION 13

typedef struct OrtStatus OrtStatus;
typedef struct OrtEnv OrtEnv;
typedef struct OrtSession OrtSession;
typedef struct OrtSessionOptions OrtSessionOptions;
typedef struct OrtValue OrtValue;
typedef struct OrtMemoryInfo OrtMemoryInfo;
typedef struct OrtRunOptions OrtRunOptions;
typedef struct OrtTensorTypeAndShapeInfo OrtTensorTypeAndShapeInfo;

typedef struct OrtAllocator {
    uint32_t version;
    void *(*Alloc)(struct OrtAllocator *self, size_t size);
    void (*Free)(struct OrtAllocator *self, void *p);
    const OrtMemoryInfo *(*Info)(const struct OrtAllocator *self);
} OrtAllocator;

enum { ORT_LOGGING_LEVEL_ERROR = 3 };          // OrtLoggingLevel
enum { ORT_ENABLE_ALL = 99 };                  // GraphOptimizationLevel
enum { OrtArenaAllocator = 1, OrtDeviceAllocator = 0 };  // OrtAllocatorType
enum { OrtMemTypeDefault = 0 };                // OrtMemType

typedef struct OrtApi {
    /*   0 */ void *CreateStatus;
    /*   1 */ int (*GetErrorCode)(const OrtStatus *status);
    /*   2 */ const char *(*GetErrorMessage)(const OrtStatus *status);
    /*   3 */ OrtStatus *(*CreateEnv)(int logSeverityLevel, const char *logid, OrtEnv **out);
    /*   4 */ void *CreateEnvWithCustomLogger;
    /*   5 */ void *EnableTelemetryEvents;
    /*   6 */ void *DisableTelemetryEvents;
    /*   7 */ OrtStatus *(*CreateSession)(const OrtEnv *env, const char *modelPath, const OrtSessionOptions *options,
                                          OrtSession **out);
    /*   8 */ void *CreateSessionFromArray;
    /*   9 */ OrtStatus *(*Run)(OrtSession *session, const OrtRunOptions *runOptions,
                                const char *const *inputNames, const OrtValue *const *inputs, size_t inputCount,
                                const char *const *outputNames, size_t outputCount, OrtValue **outputs);
    /*  10 */ OrtStatus *(*CreateSessionOptions)(OrtSessionOptions **options);
    /*  11 */ void *SetOptimizedModelFilePath;
    /*  12 */ void *CloneSessionOptions;
    /*  13 */ void *SetSessionExecutionMode;
    /*  14 */ void *EnableProfiling;
    /*  15 */ void *DisableProfiling;
    /*  16 */ void *EnableMemPattern;
    /*  17 */ void *DisableMemPattern;
    /*  18 */ void *EnableCpuMemArena;
    /*  19 */ OrtStatus *(*DisableCpuMemArena)(OrtSessionOptions *options);
    /*  20 */ void *SetSessionLogId;
    /*  21 */ void *SetSessionLogVerbosityLevel;
    /*  22 */ void *SetSessionLogSeverityLevel;
    /*  23 */ OrtStatus *(*SetSessionGraphOptimizationLevel)(OrtSessionOptions *options, int level);
    /*  24 */ OrtStatus *(*SetIntraOpNumThreads)(OrtSessionOptions *options, int threads);
    /*  25 */ OrtStatus *(*SetInterOpNumThreads)(OrtSessionOptions *options, int threads);
    /*  26 */ void *CreateCustomOpDomain;
    /*  27 */ void *CustomOpDomain_Add;
    /*  28 */ void *AddCustomOpDomain;
    /*  29 */ void *RegisterCustomOpsLibrary;
    /*  30 */ OrtStatus *(*SessionGetInputCount)(const OrtSession *session, size_t *out);
    /*  31 */ OrtStatus *(*SessionGetOutputCount)(const OrtSession *session, size_t *out);
    /*  32 */ void *SessionGetOverridableInitializerCount;
    /*  33 */ void *SessionGetInputTypeInfo;
    /*  34 */ void *SessionGetOutputTypeInfo;
    /*  35 */ void *SessionGetOverridableInitializerTypeInfo;
    /*  36 */ OrtStatus *(*SessionGetInputName)(const OrtSession *session, size_t index, OrtAllocator *allocator, char **value);
    /*  37 */ OrtStatus *(*SessionGetOutputName)(const OrtSession *session, size_t index, OrtAllocator *allocator, char **value);
    /*  38 */ void *SessionGetOverridableInitializerName;
    /*  39 */ void *CreateRunOptions;
    /*  40 */ void *RunOptionsSetRunLogVerbosityLevel;
    /*  41 */ void *RunOptionsSetRunLogSeverityLevel;
    /*  42 */ void *RunOptionsSetRunTag;
    /*  43 */ void *RunOptionsGetRunLogVerbosityLevel;
    /*  44 */ void *RunOptionsGetRunLogSeverityLevel;
    /*  45 */ void *RunOptionsGetRunTag;
    /*  46 */ void *RunOptionsSetTerminate;
    /*  47 */ void *RunOptionsUnsetTerminate;
    /*  48 */ void *CreateTensorAsOrtValue;
    /*  49 */ OrtStatus *(*CreateTensorWithDataAsOrtValue)(const OrtMemoryInfo *info, void *data, size_t dataLength,
                                                           const int64_t *shape, size_t shapeLength, int type, OrtValue **out);
    /*  50 */ void *IsTensor;
    /*  51 */ OrtStatus *(*GetTensorMutableData)(OrtValue *value, void **out);
    /*  52 */ void *FillStringTensor;
    /*  53 */ void *GetStringTensorDataLength;
    /*  54 */ void *GetStringTensorContent;
    /*  55 */ void *CastTypeInfoToTensorInfo;
    /*  56 */ void *GetOnnxTypeFromTypeInfo;
    /*  57 */ void *CreateTensorTypeAndShapeInfo;
    /*  58 */ void *SetTensorElementType;
    /*  59 */ void *SetDimensions;
    /*  60 */ OrtStatus *(*GetTensorElementType)(const OrtTensorTypeAndShapeInfo *info, int *out);
    /*  61 */ OrtStatus *(*GetDimensionsCount)(const OrtTensorTypeAndShapeInfo *info, size_t *out);
    /*  62 */ OrtStatus *(*GetDimensions)(const OrtTensorTypeAndShapeInfo *info, int64_t *values, size_t count);
    /*  63 */ void *GetSymbolicDimensions;
    /*  64 */ OrtStatus *(*GetTensorShapeElementCount)(const OrtTensorTypeAndShapeInfo *info, size_t *out);
    /*  65 */ OrtStatus *(*GetTensorTypeAndShape)(const OrtValue *value, OrtTensorTypeAndShapeInfo **out);
    /*  66 */ void *GetTypeInfo;
    /*  67 */ void *GetValueType;
    /*  68 */ void *CreateMemoryInfo;
    /*  69 */ OrtStatus *(*CreateCpuMemoryInfo)(int allocatorType, int memType, OrtMemoryInfo **out);
    /*  70 */ void *CompareMemoryInfo;
    /*  71 */ void *MemoryInfoGetName;
    /*  72 */ void *MemoryInfoGetId;
    /*  73 */ void *MemoryInfoGetMemType;
    /*  74 */ void *MemoryInfoGetType;
    /*  75 */ void *AllocatorAlloc;
    /*  76 */ OrtStatus *(*AllocatorFree)(OrtAllocator *allocator, void *p);
    /*  77 */ void *AllocatorGetInfo;
    /*  78 */ OrtStatus *(*GetAllocatorWithDefaultOptions)(OrtAllocator **out);
    /*  79 */ void *AddFreeDimensionOverride;
    /*  80 */ void *GetValue;
    /*  81 */ void *GetValueCount;
    /*  82 */ void *CreateValue;
    /*  83 */ void *CreateOpaqueValue;
    /*  84 */ void *GetOpaqueValue;
    /*  85 */ void *KernelInfoGetAttribute_float;
    /*  86 */ void *KernelInfoGetAttribute_int64;
    /*  87 */ void *KernelInfoGetAttribute_string;
    /*  88 */ void *KernelContext_GetInputCount;
    /*  89 */ void *KernelContext_GetOutputCount;
    /*  90 */ void *KernelContext_GetInput;
    /*  91 */ void *KernelContext_GetOutput;
    /*  92 */ void (*ReleaseEnv)(OrtEnv *value);
    /*  93 */ void (*ReleaseStatus)(OrtStatus *value);
    /*  94 */ void (*ReleaseMemoryInfo)(OrtMemoryInfo *value);
    /*  95 */ void (*ReleaseSession)(OrtSession *value);
    /*  96 */ void (*ReleaseValue)(OrtValue *value);
    /*  97 */ void *ReleaseRunOptions;
    /*  98 */ void *ReleaseTypeInfo;
    /*  99 */ void (*ReleaseTensorTypeAndShapeInfo)(OrtTensorTypeAndShapeInfo *value);
    /* 100 */ void (*ReleaseSessionOptions)(OrtSessionOptions *value);
    /* 101 */ void *ReleaseCustomOpDomain;
    /* 102 */ void *GetDenotationFromTypeInfo;
    /* 103 */ void *CastTypeInfoToMapTypeInfo;
    /* 104 */ void *CastTypeInfoToSequenceTypeInfo;
    /* 105 */ void *GetMapKeyType;
    /* 106 */ void *GetMapValueType;
    /* 107 */ void *GetSequenceElementType;
    /* 108 */ void *ReleaseMapTypeInfo;
    /* 109 */ void *ReleaseSequenceTypeInfo;
    /* 110 */ void *SessionEndProfiling;
    /* 111 */ void *SessionGetModelMetadata;
    /* 112 */ void *ModelMetadataGetProducerName;
    /* 113 */ void *ModelMetadataGetGraphName;
    /* 114 */ void *ModelMetadataGetDomain;
    /* 115 */ void *ModelMetadataGetDescription;
    /* 116 */ void *ModelMetadataLookupCustomMetadataMap;
    /* 117 */ void *ModelMetadataGetVersion;
    /* 118 */ void *ReleaseModelMetadata;
    /* 119 */ void *CreateEnvWithGlobalThreadPools;
    /* 120 */ void *DisablePerSessionThreads;
    /* 121 */ void *CreateThreadingOptions;
    /* 122 */ void *ReleaseThreadingOptions;
    /* 123 */ void *ModelMetadataGetCustomMetadataMapKeys;
    /* 124 */ void *AddFreeDimensionOverrideByName;
    /* 125 */ void *GetAvailableProviders;
    /* 126 */ void *ReleaseAvailableProviders;
    /* 127 */ void *GetStringTensorElementLength;
    /* 128 */ void *GetStringTensorElement;
    /* 129 */ void *FillStringTensorElement;
    /* 130 */ OrtStatus *(*AddSessionConfigEntry)(OrtSessionOptions *options, const char *key, const char *value);
} OrtApi;

typedef struct OrtApiBase {
    const OrtApi *(*GetApi)(uint32_t version);
    const char *(*GetVersionString)(void);
} OrtApiBase;
