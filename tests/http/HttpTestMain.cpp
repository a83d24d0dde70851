#define BOOST_TEST_DYN_LINK
#define BOOST_TEST_MODULE kansli http
#include <boost/test/unit_test.hpp>
