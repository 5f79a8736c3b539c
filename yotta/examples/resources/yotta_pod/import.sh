# Import a pod by its id (the digits Yotta's console and API show).
terraform import yotta_pod.notebook 420522713875330018
