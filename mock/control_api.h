#pragma once

#include "mock/http/request.h"
#include "mock/http/response.h"

namespace conform::mock {

class MockService;

/// The mock's control API under /__conform/, for suites that need to arrange state:
///   GET    /__conform/health
///   GET    /__conform/records                  what successful calls created
///   GET    /__conform/resources                resources and their states
///   POST   /__conform/resources?resource=R&id=I[&state=S]   create or change one
///   DELETE /__conform/resources?resource=R&id=I
///   POST   /__conform/reset                    back to the fixtures
///   GET    /__conform/faults, POST /__conform/faults with a JSON array of fault switches
/// Answers are JSON; bad requests get 400 with {"error": "..."}.
http::Response handle_control(MockService& service, const http::ReceivedRequest& request);

}  // namespace conform::mock
