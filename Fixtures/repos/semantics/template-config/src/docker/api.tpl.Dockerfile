FROM node:<<NODE_VERSION>>-alpine
USER node
