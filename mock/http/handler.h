#pragma once

#include <functional>

#include "mock/http/request.h"
#include "mock/http/response.h"

namespace conform::mock::http {

/// Called on the server's I/O threads, possibly concurrently: it must be thread-safe and should
/// not block (use Response::delay, never sleep). An exception becomes a 500.
using Handler = std::function<Response(const ReceivedRequest&)>;

}  // namespace conform::mock::http
