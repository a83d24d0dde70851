#define BOOST_TEST_DYN_LINK
#define BOOST_TEST_MODULE kansli end to end
#include <boost/test/unit_test.hpp>
