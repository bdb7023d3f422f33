package io.zkoam.agent.serve;

/** One route of the agent's API. Exceptions become a 500 with the message. */
@FunctionalInterface
public interface Endpoint {

    Reply handle(Request request) throws Exception;
}
