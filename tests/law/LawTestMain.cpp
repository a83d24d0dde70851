#define BOOST_TEST_DYN_LINK
#define BOOST_TEST_MODULE law
#include <boost/test/unit_test.hpp>
