// a port that was free a moment ago: nothing listens on it, so a connection is refused at once
def socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
int port = socket.localPort
socket.close()
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@closedPort@', String.valueOf(port))
new File(basedir, 'closed-port.txt').text = String.valueOf(port)
return true
