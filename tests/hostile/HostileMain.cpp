#define BOOST_TEST_MODULE hostile
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
