#define BOOST_TEST_DYN_LINK
#define BOOST_TEST_MODULE kansli http api
#include <boost/test/unit_test.hpp>
