// Tests reach the loopback WebSocket client through TestSupport.
@_exported public import LoopbackWebSocket
