// A stand-in MLflow tracking server on a free loopback port, answering the endpoints ml:validate calls with the
// bodies of MLflow's REST API documentation and recording each request to mlflow-requests.jsonl; the pom is pointed
// at it. verify.groovy stops it.
import com.sun.net.httpserver.HttpServer
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

def requests = new File(basedir, 'mlflow-requests.jsonl')
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/') { exchange ->
    def path = exchange.requestURI.rawPath - '/api/2.0/mlflow/'
    def text = exchange.requestBody.text
    synchronized (requests) {
        requests << JsonOutput.toJson([method: exchange.requestMethod, endpoint: path,
                query: exchange.requestURI.rawQuery, body: text ? new JsonSlurper().parseText(text) : null]) + '\n'
    }
    def status = 200
    def answer = [:]
    switch ("${exchange.requestMethod} ${path}") {
        case 'GET experiments/get-by-name':
            status = 404
            answer = [error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Could not find experiment']
            break
        case 'POST experiments/create': answer = [experiment_id: '7']; break
        case 'POST runs/create': answer = [run: [info: [run_id: 'a1b2c3', experiment_id: '7', status: 'RUNNING'], data: [:]]]; break
        case 'POST runs/log-batch': break
        case 'POST runs/update': answer = [run_info: [run_id: 'a1b2c3', status: 'FINISHED']]; break
        default:
            status = 404
            answer = [error_code: 'ENDPOINT_NOT_FOUND', message: path]
    }
    def bytes = JsonOutput.toJson(answer).getBytes('UTF-8')
    exchange.responseHeaders.set('Content-Type', 'application/json')
    exchange.sendResponseHeaders(status, bytes.length)
    exchange.responseBody.withStream { it.write(bytes) }
    exchange.close()
}
server.start()
System.properties.put('it.mlflow-tracks-run.server', server)
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('MLFLOW_URI', "http://127.0.0.1:${server.address.port}")
return true
