#pragma once
// One pool for the tests that only render (starting workers costs ~0.1 s each).

#include "render/WorkerPool.h"

namespace kansli::render::test {

inline WorkerPool& sharedPool()
{
    static WorkerPool pool([] {
        WorkerPoolConfig config;
        config.workers = 2;
        return config;
    }());
    return pool;
}

} // namespace kansli::render::test
