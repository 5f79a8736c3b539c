# An endpoint is imported by its id (shown in RunPod's console under Serverless).
# RunPod does not report flashboot: the first apply after an import sets it to the
# configured value, in place.
terraform import runpod_endpoint.sd jpnw0v75y3qoql
