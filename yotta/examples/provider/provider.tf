terraform {
  required_providers {
    yotta = {
      source = "runpod-community/yotta"
    }
  }
}

# Reads the API key from YOTTA_API_KEY (and the API's URL from YOTTA_API_URL, to point it at
# yotta-mock); both can be set here instead.
provider "yotta" {}
