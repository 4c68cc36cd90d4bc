docker build -t wrong-case src/docker
