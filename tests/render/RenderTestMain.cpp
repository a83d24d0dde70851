#define BOOST_TEST_MODULE render_tests
#include <boost/test/unit_test.hpp>
