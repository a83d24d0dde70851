// Each caller's share of documents in progress: the one over its share is refused (429), the
// others are not, and a place comes back when its document is done — however it ends.

#include "core/Error.h"
#include "http/CallerGate.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

using kansli::Error;
using kansli::ErrorCode;
using kansli::http::CallerGate;

BOOST_AUTO_TEST_SUITE(CallerGateTest)

BOOST_AUTO_TEST_CASE(a_caller_over_its_share_is_refused_and_the_others_are_not)
{
    for (const std::size_t share : {1u, 2u, 7u}) {
        BOOST_TEST_CONTEXT("share " << share)
        {
            CallerGate gate(share);
            std::vector<CallerGate::Ticket> held;
            for (std::size_t i = 0; i < share; ++i) {
                held.push_back(gate.enter("case-system-a"));
            }
            BOOST_TEST(gate.inProgress("case-system-a") == share);
            try {
                gate.enter("case-system-a");
                BOOST_FAIL("one over the share was let in");
            } catch (const Error& e) {
                BOOST_TEST((e.code() == ErrorCode::TooManyRequests));
                BOOST_TEST(e.publicMessage().find("case-system-a") == std::string::npos); // no caller named back
            }
            const CallerGate::Ticket other = gate.enter("caseworker-preview");
            BOOST_TEST(gate.inProgress("caseworker-preview") == 1u);
            held.pop_back(); // one document done
            BOOST_CHECK_NO_THROW(held.push_back(gate.enter("case-system-a")));
        }
    }
}

BOOST_AUTO_TEST_CASE(places_come_back_when_documents_end_by_an_exception_or_a_move)
{
    CallerGate gate(1);
    try {
        const CallerGate::Ticket t = gate.enter("a");
        throw std::runtime_error("the document failed");
    } catch (const std::runtime_error&) {
    }
    BOOST_TEST(gate.inProgress("a") == 0u);
    CallerGate::Ticket first = gate.enter("a");
    CallerGate::Ticket moved = std::move(first);
    BOOST_TEST(gate.inProgress("a") == 1u);
    moved = CallerGate::Ticket{};
    BOOST_TEST(gate.inProgress("a") == 0u);
    BOOST_TEST(CallerGate(0).perCaller() == 1u); // never zero: a caller could never be served
}

BOOST_AUTO_TEST_CASE(many_threads_never_hold_more_than_the_share)
{
    CallerGate gate(3);
    std::atomic<int> inside{0};
    std::atomic<int> most{0};
    std::atomic<int> refused{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 2000; ++i) {
                try {
                    const CallerGate::Ticket place = gate.enter("burst");
                    const int now = ++inside;
                    int seen = most.load();
                    while (now > seen && !most.compare_exchange_weak(seen, now)) {
                    }
                    --inside;
                } catch (const Error&) {
                    ++refused;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    BOOST_TEST(most.load() <= 3);
    BOOST_TEST(gate.inProgress("burst") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
