terraform {
  required_providers {
    runpod = {
      source  = "runpod-community/runpod"
      version = "~> 0.2" # 0.2.x and later 0.x releases; pin what you have tested
    }
  }
}

# With no arguments the provider reads RUNPOD_API_KEY (and, when set, RUNPOD_REST_URL and
# RUNPOD_GRAPHQL_URL) from the environment: keep the key out of your configuration.
provider "runpod" {}
